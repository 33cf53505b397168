// The stack's services as rows: their state (with a Logs toggle) and, while a Start or Stop runs
// or after one failed, each service's progress.
import type { ServiceName, ServiceStatus, StackProgress } from '../../../../shared/api';
import { Icon } from '../../components/Icon';
import { Pill, type Tone } from '../../components/Pill';

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

interface ServicesTableProps {
  services: ServiceStatus[];
  /** The service whose logs are open, if any. */
  logsFor: ServiceName | null;
  onToggleLogs: (service: ServiceName) => void;
}

export function ServicesTable({ services, logsFor, onToggleLogs }: ServicesTableProps) {
  return (
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
                onClick={() => onToggleLogs(svc.name)}
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
  );
}

interface ProgressListProps {
  services: ServiceStatus[];
  progress: Partial<Record<ServiceName, StackProgress>>;
}

/** A service without progress yet is "waiting": the list names every service from the start. */
export function StackProgressList({ services, progress }: ProgressListProps) {
  return (
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
  );
}
