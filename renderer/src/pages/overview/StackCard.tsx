// Prometheus + Grafana: state per service, Start/Stop with live progress, their shortcuts.
import { useState } from 'react';
import type { ServiceStatus, StackProgress } from '../../../../shared/api';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FixText, RichText } from '../../components/FixText';
import { Icon } from '../../components/Icon';
import { Pill, type Tone } from '../../components/Pill';
import { ActionButton } from '../../components/ActionButton';
import { useStackStore, useStackStatus, useStackBusy } from '../../stores/stack';
import { GrafanaActions } from './GrafanaActions';
import { PrometheusActions } from './PrometheusActions';
import { ServiceLogs } from './ServiceLogs';

const STATE_TONE: Record<ServiceStatus['state'], Tone> = {
  running: 'ok',
  starting: 'info',
  restarting: 'warn',
  exited: 'error',
  stopped: 'muted',
  unavailable: 'warn',
  unknown: 'muted',
};

const PHASE_TONE: Partial<Record<StackProgress['phase'], Tone>> = {
  failed: 'error',
  started: 'ok',
  stopped: 'muted',
};

export function StackCard() {
  const status = useStackStatus();
  const error = useStackStore((s) => s.error);
  const actionError = useStackStore((s) => s.actionError);
  const progress = useStackStore((s) => s.progress);
  const { load, start, stop } = useStackStore.getState();
  const [logsFor, setLogsFor] = useState<ServiceStatus['name'] | null>(null);

  const busy = useStackBusy();
  const services = status?.services ?? [];
  const anyUp = services.some((s) => ['running', 'starting', 'restarting'].includes(s.state));
  // The core decides (every Start control shows the same answer); a click in this window that
  // the core has not reported yet also counts as busy.
  const gate = status?.canStart ?? null;
  const startDisabledReason =
    busy && !status?.busy ? `The stack is ${busy}` : gate?.ok ? null : (gate?.reason ?? null);
  const block = gate && !gate.ok && !busy && gate.reason !== 'Already running' ? gate : null;
  const showProgress =
    busy === 'starting' ||
    busy === 'stopping' ||
    Object.values(progress).some((p) => p.phase === 'failed');

  return (
    <Card
      title="Prometheus + Grafana"
      testId="stack-card"
      actions={
        status && (
          <span className="muted small">
            {status.runtime} · {status.driver ?? 'no driver'}
            {status.project ? ` · project ${status.project}` : ''}
          </span>
        )
      }
    >
      {error && <ErrorNotice error={error} onRetry={() => void load()} testId="stack-error" />}
      {!status && !error && <div className="muted">Loading…</div>}
      {status && (
        <>
          <table className="services" data-testid="stack-services">
            <tbody>
              {services.map((svc) => (
                <tr key={svc.name} data-testid={`service-${svc.name}`}>
                  <th scope="row">{svc.name}</th>
                  <td>
                    <Pill tone={STATE_TONE[svc.state]} testId={`service-${svc.name}-state`}>
                      {svc.state}
                      {svc.exitCode !== null && svc.state === 'exited' ? ` (${svc.exitCode})` : ''}
                    </Pill>
                  </td>
                  <td className="mono small">{svc.url}</td>
                  <td className="right">
                    <button
                      type="button"
                      className="btn btn-ghost btn-small"
                      aria-expanded={logsFor === svc.name}
                      onClick={() => setLogsFor(logsFor === svc.name ? null : svc.name)}
                      data-testid={`service-${svc.name}-logs`}
                    >
                      <Icon name="logs" /> Logs
                    </button>
                  </td>
                </tr>
              ))}
              {services.map(
                (svc) =>
                  svc.detail && (
                    <tr key={`${svc.name}-detail`} className="service-detail">
                      <td colSpan={4}>
                        <span className="muted">{svc.name}: </span>
                        {svc.detail}
                      </td>
                    </tr>
                  ),
              )}
            </tbody>
          </table>
          {logsFor && <ServiceLogs service={logsFor} />}

          {showProgress && (
            <ul className="progress-list" data-testid="stack-progress" aria-live="polite">
              {services.map((svc) => {
                const p = progress[svc.name];
                const tone: Tone = p ? (PHASE_TONE[p.phase] ?? 'info') : 'muted';
                return (
                  <li key={svc.name} data-testid={`stack-progress-${svc.name}`}>
                    {tone === 'info' && <span className="spinner" aria-hidden="true" />}
                    <Pill tone={tone}>{p?.phase ?? 'waiting'}</Pill>
                    <span className="strong">{svc.name}</span>
                    <span className="muted">{p?.message ?? ''}</span>
                  </li>
                );
              })}
            </ul>
          )}

          <div className="row wrap">
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void start()}
              disabled={startDisabledReason !== null}
              title={
                startDisabledReason ?? 'Write the stack files and start Prometheus and Grafana'
              }
              data-testid="stack-start"
            >
              {busy === 'starting' ? (
                <span className="spinner" aria-hidden="true" />
              ) : (
                <Icon name="play" />
              )}
              {busy === 'starting' ? 'Starting…' : 'Start stack'}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => void stop()}
              disabled={busy !== null || !anyUp}
              title={
                busy
                  ? `The stack is ${busy}`
                  : anyUp
                    ? 'Stop the stack, keeping its data'
                    : 'Nothing is running'
              }
              data-testid="stack-stop"
            >
              {busy === 'stopping' ? (
                <span className="spinner" aria-hidden="true" />
              ) : (
                <Icon name="stop" />
              )}
              {busy === 'stopping' ? 'Stopping…' : 'Stop stack'}
            </button>
          </div>
          {block && !busy && (
            <div className="notice notice-warn" data-testid="stack-blocked">
              <div className="notice-body">
                <div className="notice-title">
                  Start is unavailable — <RichText text={block.reason ?? ''} />
                </div>
                {block.fix && (
                  <div className="notice-fix">
                    <FixText fix={block.fix} />
                  </div>
                )}
              </div>
              {block.nativeAvailable && (
                <ActionButton action="use-native-runtime" testId="stack-use-native" />
              )}
            </div>
          )}
          {actionError && (
            <ErrorNotice
              error={actionError}
              title="The stack did not change"
              testId="stack-action-error"
            />
          )}
          {status.lastError && !actionError && (
            <ErrorNotice
              error={{ code: 'stack', message: status.lastError }}
              title="Last stack error"
              compact
              testId="stack-last-error"
            />
          )}
          <PrometheusActions prometheus={services.find((s) => s.name === 'prometheus')} />
          <GrafanaActions grafana={services.find((s) => s.name === 'grafana')} />
          <div className="muted small">
            Stack files: <span className="mono">{status.filesDir}</span>
          </div>
        </>
      )}
    </Card>
  );
}
