// A source as a person reads it (Settings' Test/Save outcome and the Overview): its URL, health,
// product, the auth it uses (never a credential), the skip-TLS warning, which optional APIs it
// lacks and why, and — when it is not up — what happened and what to do.
import type { SourceStatus } from '../../../shared/api';
import { ErrorNotice } from './ErrorNotice';
import { Pill, type Tone } from './Pill';

const HEALTH_TONE: Record<SourceStatus['health'], Tone> = {
  up: 'ok',
  down: 'error',
  unauthorized: 'error',
  forbidden: 'error',
  incompatible: 'error',
  unknown: 'muted',
};

const HEALTH_TEXT: Record<SourceStatus['health'], string> = {
  up: 'up',
  down: 'unreachable',
  unauthorized: 'credentials refused (401)',
  forbidden: 'access forbidden (403)',
  incompatible: 'not a Prometheus API',
  unknown: 'not checked yet',
};

const CAPABILITY_NAMES: Record<keyof SourceStatus['capabilities'], string> = {
  targets: 'Targets (/api/v1/targets)',
  rules: 'Rules (/api/v1/rules)',
  metadata: 'Metric metadata (/api/v1/metadata)',
  buildinfo: 'Build info (/api/v1/status/buildinfo)',
  exemplars: 'Exemplars (/api/v1/query_exemplars)',
};

export function SkipTlsWarning({ testId }: { testId: string }) {
  return (
    <div className="notice notice-warn" role="note" data-testid={testId}>
      <div className="notice-body">
        <div className="notice-title">TLS certificates are not verified</div>
        <div>
          Anyone between this machine and the source can read and change what it answers, and see
          its credentials. Give the source&apos;s CA file instead where you can.
        </div>
      </div>
    </div>
  );
}

export function SourceHealthPill({ status, testId }: { status: SourceStatus; testId: string }) {
  return (
    <Pill tone={HEALTH_TONE[status.health]} testId={testId}>
      {HEALTH_TEXT[status.health]}
    </Pill>
  );
}

export function SourceSummary({
  status,
  testId,
  errorTitle,
}: {
  status: SourceStatus;
  testId: string;
  errorTitle?: string;
}) {
  const missing = (Object.keys(CAPABILITY_NAMES) as (keyof SourceStatus['capabilities'])[]).filter(
    (k) => !status.capabilities[k].available,
  );
  // Capabilities are known only once the source answered; before that a "missing" list would lie.
  const probed = status.health === 'up';
  return (
    <div className="source-summary" data-testid={testId}>
      <dl className="facts">
        <dt>URL</dt>
        <dd className="mono" data-testid={`${testId}-url`}>
          {status.url || '—'}
        </dd>
        <dt>Health</dt>
        <dd>
          <SourceHealthPill status={status} testId={`${testId}-health`} />
        </dd>
        <dt>Product</dt>
        <dd data-testid={`${testId}-product`}>
          {status.product ?? <span className="muted">does not say (no build info)</span>}
        </dd>
        <dt>Auth</dt>
        <dd data-testid={`${testId}-auth`}>{status.auth}</dd>
        {status.caFile && (
          <>
            <dt>CA file</dt>
            <dd className="mono">{status.caFile}</dd>
          </>
        )}
        <dt>App job</dt>
        <dd data-testid={`${testId}-job`}>
          {status.job.effective ? (
            <span className="mono">{status.job.effective}</span>
          ) : (
            <span className="muted">none</span>
          )}{' '}
          <span className="muted small">({status.job.note})</span>
        </dd>
      </dl>
      {status.skipTlsVerify && <SkipTlsWarning testId={`${testId}-skip-tls`} />}
      {status.error && (
        <ErrorNotice
          error={status.error}
          title={errorTitle ?? `Not usable: ${HEALTH_TEXT[status.health]}`}
          testId={`${testId}-error`}
        />
      )}
      {probed && missing.length > 0 && (
        <div className="source-missing" data-testid={`${testId}-missing`}>
          <div className="small strong">What this source does not answer</div>
          <ul className="small">
            {missing.map((k) => (
              <li key={k} data-testid={`${testId}-missing-${k}`}>
                <span className="strong">{CAPABILITY_NAMES[k]}</span>: {status.capabilities[k].note}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
