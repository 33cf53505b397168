// Every preflight check: what it saw and how to fix it; re-run all or one; copy as Markdown.
import { useEffect } from 'react';
import type { CheckStatus, PreflightCheck } from '../../../shared/api';
import { copyToClipboard } from '../api/actions';
import { ErrorNotice } from '../components/ErrorNotice';
import { FixText, RichText } from '../components/FixText';
import { Icon } from '../components/Icon';
import { Pill, type Tone } from '../components/Pill';
import { RelativeTime } from '../components/RelativeTime';
import { preflightToMarkdown } from '../lib/preflight';
import { usePreflightStore, usePreflightReport } from '../stores/preflight';

const TONE: Record<CheckStatus, Tone> = { ok: 'ok', warn: 'warn', fail: 'error', skipped: 'muted' };
const GLYPH: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✕', skipped: '–' };

function CheckRow({ check }: { check: PreflightCheck }) {
  const rerunning = usePreflightStore((s) => s.rerunning[check.id] ?? false);
  const error = usePreflightStore((s) => s.checkErrors[check.id]);
  const runOne = usePreflightStore((s) => s.runOne);
  return (
    <li
      className={`check check-${check.status}`}
      data-testid="preflight-check"
      data-check-id={check.id}
      data-status={check.status}
    >
      <span className={`check-icon check-icon-${check.status}`} aria-hidden="true">
        {GLYPH[check.status]}
      </span>
      <div className="check-main">
        <div className="check-head">
          <span className="check-title">{check.title}</span>
          <Pill tone={TONE[check.status]} testId="preflight-check-status">
            {check.status}
          </Pill>
          <span className="muted small mono">{check.id}</span>
        </div>
        <div className="check-observed" data-testid="preflight-check-observed">
          <RichText text={check.observed} />
        </div>
        {check.fix && (
          <div className="check-fix" data-testid="preflight-check-fix">
            <span className="check-fix-label">Fix</span>
            <FixText fix={check.fix} />
          </div>
        )}
        {error && <ErrorNotice error={error} compact testId="preflight-check-error" />}
      </div>
      <button
        type="button"
        className="btn btn-ghost btn-small"
        onClick={() => void runOne(check.id)}
        disabled={rerunning}
        data-testid="preflight-rerun-one"
        aria-label={`Re-run ${check.title}`}
      >
        {rerunning ? <span className="spinner" aria-hidden="true" /> : <Icon name="refresh" />}{' '}
        Re-run
      </button>
    </li>
  );
}

export function PreflightPage() {
  const report = usePreflightReport();
  const error = usePreflightStore((s) => s.error);
  const running = usePreflightStore((s) => s.running);
  const runAll = usePreflightStore((s) => s.runAll);

  useEffect(() => {
    void runAll();
  }, [runAll]);

  async function copyMarkdown(): Promise<void> {
    if (!report) return;
    await copyToClipboard(preflightToMarkdown(report), 'Preflight report as Markdown');
  }

  const s = report?.summary;
  return (
    <div className="page" data-testid="page-preflight">
      <header className="page-header">
        <h1>Preflight</h1>
        <div className="row">
          {report && (
            <span className="muted small">
              ran <RelativeTime time={report.ranAt} />
            </span>
          )}
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void runAll()}
            disabled={running}
            data-testid="preflight-rerun-all"
          >
            {running ? <span className="spinner" aria-hidden="true" /> : <Icon name="refresh" />}
            {running ? 'Running…' : 'Re-run all'}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => void copyMarkdown()}
            disabled={!report}
            data-testid="preflight-copy-markdown"
          >
            <Icon name="copy" /> Copy as Markdown
          </button>
        </div>
      </header>
      {s && (
        <div className="summary" data-testid="preflight-summary">
          <Pill tone={s.fail ? 'error' : 'muted'}>{s.fail} fail</Pill>
          <Pill tone={s.warn ? 'warn' : 'muted'}>{s.warn} warn</Pill>
          <Pill tone="ok">{s.ok} ok</Pill>
          <Pill tone="muted">{s.skipped} skipped</Pill>
        </div>
      )}
      {error && (
        <ErrorNotice
          error={error}
          title="Preflight could not run"
          onRetry={() => void runAll()}
          testId="preflight-error"
        />
      )}
      {!report && running && (
        <div className="muted loading-line">
          <span className="spinner" aria-hidden="true" /> Checking Docker, compose, ports,
          prom-client, Prometheus and Grafana…
        </div>
      )}
      {report && (
        <ul className={`checks${running ? ' checks-stale' : ''}`} data-testid="preflight-checks">
          {report.checks.map((c) => (
            <CheckRow key={c.id} check={c} />
          ))}
        </ul>
      )}
    </div>
  );
}
