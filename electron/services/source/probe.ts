// One look at a source, made into the status a page shows: its health, what it can answer
// (detected once per source), the watched app's job and scrape interval. It asks; it keeps
// nothing (the service holds what was detected).
import type { SourceStatus } from '../../../shared/api';
import type { PrometheusClient } from '../prometheus';
import { readCa } from './client';
import {
  chooseJob,
  detect,
  detectJobs,
  probeHealth,
  scrapeIntervalOf,
  type Capabilities,
  type Detection,
} from './detect';
import type { SourceView } from './view';

const UNKNOWN_CAPABILITY = { available: true, note: '' };

const UNKNOWN_CAPABILITIES: Capabilities = {
  targets: UNKNOWN_CAPABILITY,
  rules: UNKNOWN_CAPABILITY,
  metadata: UNKNOWN_CAPABILITY,
  buildinfo: UNKNOWN_CAPABILITY,
  exemplars: UNKNOWN_CAPABILITY,
};

function authText(v: SourceView): string {
  if (v.authKind === 'basic') return `basic auth as ${v.user}`;
  if (v.authKind === 'bearer') return 'bearer token';
  return 'none';
}

/**
 * Asks a source: health always; the optional APIs only when `known` is null (a new source, or
 * one back after an error); the job on every ask while it is up.
 */
export async function probeSource(
  client: PrometheusClient,
  view: SourceView,
  configuredJob: string,
  known: Detection | null,
): Promise<{ status: SourceStatus; detection: Detection | null }> {
  const { health, error } = await probeHealth(client);
  let detection = known;
  let jobs: { jobs: string[]; error: string | null } = { jobs: [], error: null };
  if (health === 'up') {
    [detection, jobs] = await Promise.all([known ?? detect(client, view.url), detectJobs(client)]);
  }
  const job = chooseJob(
    configuredJob,
    jobs.jobs,
    health === 'up' ? jobs.error : (error?.message ?? null),
  );
  let finalError = error;
  // An unreadable CA file explains a failing https source better than the certificate error.
  const caProblem = readCa(view.caFile).problem;
  if (finalError && caProblem) {
    finalError = {
      ...finalError,
      message: `${finalError.message} Note: ${caProblem}.`,
    };
  }
  const status: SourceStatus = {
    kind: view.kind,
    url: view.url,
    // The managed Prometheus's root, as Open Prometheus has always opened (it redirects to its UI).
    uiUrl: view.kind === 'managed' ? view.url : (detection?.uiUrl ?? null),
    auth: authText(view),
    authKind: view.authKind,
    user: view.user,
    caFile: view.caFile,
    skipTlsVerify: view.skipTlsVerify,
    health,
    error: finalError,
    product: detection?.product ?? null,
    capabilities: detection?.capabilities ?? UNKNOWN_CAPABILITIES,
    job,
    scrapeIntervalSeconds:
      detection?.configYaml != null ? scrapeIntervalOf(detection.configYaml, job.effective) : null,
    checkedAt: new Date().toISOString(),
  };
  return { status, detection: health === 'up' ? detection : known };
}
