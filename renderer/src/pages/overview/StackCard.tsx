// Prometheus + Grafana: state per service, Start/Stop with live progress, their shortcuts.
import { useState } from 'react';
import type { ServiceName } from '../../../../shared/api';
import { Card } from '../../components/Card';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useStackBusy, useStackStatus, useStackStore } from '../../stores/stack';
import { GrafanaActions } from './GrafanaActions';
import { PrometheusActions } from './PrometheusActions';
import { StackControls } from './StackControls';
import { ServicesTable, StackProgressList } from './StackServices';
import { ServiceLogs } from './ServiceLogs';

export function StackCard() {
  const status = useStackStatus();
  const error = useStackStore((s) => s.error);
  const actionError = useStackStore((s) => s.actionError);
  const progress = useStackStore((s) => s.progress);
  const busy = useStackBusy();
  const [logsFor, setLogsFor] = useState<ServiceName | null>(null);

  const services = status?.services ?? [];
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
      {error && (
        <ErrorNotice
          error={error}
          onRetry={() => void useStackStore.getState().load()}
          testId="stack-error"
        />
      )}
      {!status && !error && <div className="muted">Loading…</div>}
      {status && (
        <>
          <ServicesTable
            services={services}
            logsFor={logsFor}
            onToggleLogs={(name) => setLogsFor(logsFor === name ? null : name)}
          />
          {logsFor && <ServiceLogs service={logsFor} />}
          {showProgress && <StackProgressList services={services} progress={progress} />}
          <StackControls status={status} />
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
