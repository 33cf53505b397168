// One rule on the Alerts page, like Prometheus's: state, active alerts with since / value /
// labels / annotations, last evaluation and its error; the PromQL and backtest one click away.
import { useState } from 'react';
import type { AlertRuleStatus } from '../../../../shared/api';
import { formatPromDuration } from '../../../../shared/alerts';
import { FixText } from '../../components/FixText';
import { Icon } from '../../components/Icon';
import { Pill } from '../../components/Pill';
import { RelativeTime } from '../../components/RelativeTime';
import { exploreHash } from '../../lib/explore-url';
import {
  backtestRefreshKey,
  formatAlertValue,
  formatThreshold,
  notLoadedHint,
} from '../../lib/alerts';
import { BacktestChart } from './BacktestChart';

const TONE = { firing: 'error', pending: 'warn', inactive: 'ok' } as const;

function LabelList({ labels }: { labels: Record<string, string> }) {
  return (
    <span className="label-list">
      {Object.entries(labels).map(([k, v]) => (
        <span key={k} className="label-chip mono">
          {k}="{v}"
        </span>
      ))}
    </span>
  );
}

interface Props {
  rule: AlertRuleStatus;
  evaluationSeconds: number;
  /** An existing source that does not evaluate our rules: no state is known, not "inactive". */
  stateUnknown?: boolean;
}

export function AlertRuleRow({ rule, evaluationSeconds, stateUnknown = false }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <section
      className={`alert-rule alert-rule-${rule.state}`}
      data-testid="alert-rule"
      data-rule={rule.name}
      data-state={rule.state}
    >
      <RuleHead rule={rule} stateUnknown={stateUnknown} open={open} setOpen={setOpen} />
      {rule.health === 'err' && (
        <div className="alert-rule-error" data-testid="alert-rule-error">
          Evaluation failed: {rule.lastError}
        </div>
      )}
      {rule.alerts.length > 0 && <AlertInstances rule={rule} />}
      {rule.state !== 'inactive' && (
        <div className="alert-rule-fix" data-testid="alert-rule-fix">
          Fix: <FixText fix={rule.fix} />
        </div>
      )}
      {open && <RuleDetail rule={rule} evaluationSeconds={evaluationSeconds} />}
    </section>
  );
}

interface HeadProps {
  rule: AlertRuleStatus;
  stateUnknown: boolean;
  open: boolean;
  setOpen: (open: boolean) => void;
}

/** State, name, severity, threshold and last evaluation, and the PromQL & backtest toggle. */
function RuleHead({ rule, stateUnknown, open, setOpen }: HeadProps) {
  return (
    <header className="alert-rule-head">
      <Pill tone={stateUnknown ? 'muted' : TONE[rule.state]} testId="alert-rule-state">
        {stateUnknown ? 'UNKNOWN' : rule.state.toUpperCase()}
      </Pill>
      <span className="alert-rule-name mono">{rule.name}</span>
      <Pill tone={rule.severity === 'critical' ? 'error' : 'warn'}>{rule.severity}</Pill>
      {rule.muted && <Pill tone="muted">muted</Pill>}
      {!rule.loaded && (
        <Pill tone="muted" title={notLoadedHint(stateUnknown)} testId="alert-rule-not-loaded">
          not loaded
        </Pill>
      )}
      <span className="muted small alert-rule-meta">
        {rule.op} {formatThreshold(rule.threshold, rule.unit)} for{' '}
        {formatPromDuration(rule.forSeconds)}
        {rule.lastEvaluation && (
          <>
            {' · evaluated '}
            <RelativeTime time={rule.lastEvaluation} /> in{' '}
            {(rule.evaluationSeconds * 1000).toFixed(1)} ms
          </>
        )}
      </span>
      <button
        type="button"
        className="btn btn-ghost btn-small"
        onClick={() => setOpen(!open)}
        data-testid="alert-rule-toggle"
        aria-expanded={open}
      >
        {open ? 'Hide PromQL' : 'PromQL & backtest'}
      </button>
    </header>
  );
}

/** The rule's active alerts, one row each, as Prometheus's alerts page lists them. */
function AlertInstances({ rule }: { rule: AlertRuleStatus }) {
  return (
    <table className="table alert-table" data-testid="alert-instances">
      <thead>
        <tr>
          <th>State</th>
          <th>Active since</th>
          <th>Value</th>
          <th>Labels</th>
          <th>Summary</th>
        </tr>
      </thead>
      <tbody>
        {rule.alerts.map((a) => (
          <tr key={JSON.stringify(a.labels)} data-testid="alert-instance" data-state={a.state}>
            <td>
              <Pill tone={TONE[a.state]}>{a.state}</Pill>
            </td>
            <td>{a.activeAt ? <RelativeTime time={a.activeAt} /> : '—'}</td>
            <td className="mono">{formatAlertValue(a.value, rule.unit)}</td>
            <td>
              <LabelList labels={a.labels} />
            </td>
            <td>
              <div>{a.annotations.summary}</div>
              <div className="muted small">{a.annotations.description}</div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RuleDetail(p: { rule: AlertRuleStatus; evaluationSeconds: number }) {
  return (
    <div className="alert-rule-detail" data-testid="alert-rule-detail">
      <div className="muted small">{p.rule.description}</div>
      <pre className="code mono" data-testid="alert-rule-expr">
        {p.rule.expr}
      </pre>
      <a
        className="btn btn-ghost btn-small"
        href={exploreHash(p.rule.expr)}
        title="Graph this expression over time, with its labels, in Explore"
        data-testid="alert-rule-explore"
      >
        <Icon name="explore" /> Open in Explore
      </a>
      <BacktestChart
        rule={p.rule}
        evaluationSeconds={p.evaluationSeconds}
        refreshKey={backtestRefreshKey(p.rule)}
        testId="backtest"
      />
    </div>
  );
}
