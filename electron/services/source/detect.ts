// What a source is and can answer, asked once per source: its product, the optional APIs
// (targets, rules, metadata, build info), its UI, its scrape interval; and, on every status, the
// watched app's job. Each missing API gets a note in a person's words (docs/SOURCES.md).
import { ConsoleError, toErrorInfo, type SourceStatus } from '../../../shared/api';
import { SCRAPE_JOB } from '../../../shared/dashboard';
import type { PrometheusClient } from '../prometheus';
import { detectExemplars } from './exemplars-capability';

export type Health = SourceStatus['health'];
export type Capabilities = SourceStatus['capabilities'];

/** What is detected once per source (and again after it comes back). */
export interface Detection {
  product: string | null;
  uiUrl: string | null;
  capabilities: Capabilities;
  /** The config the source printed at /api/v1/status/config, when it serves one. */
  configYaml: string | null;
}

/** The jobs carrying the watched app's metrics within the last hour. */
export const JOB_QUERY =
  'group by (job) (last_over_time({__name__=~"peak_trade_http_requests_total|peak_trade_metrics_fallback"}[1h]))';

/** The names of the app's job: Peak Watch's own stack's, then the Peak_Trade compose stack's. */
const PREFERRED_JOBS = [SCRAPE_JOB, 'peak_trade_uvicorn'];

/** A request error as a source's health. */
export function healthOf(err: unknown): Health {
  const code = err instanceof ConsoleError ? err.code : '';
  if (code === 'prometheus-unauthorized') return 'unauthorized';
  if (code === 'prometheus-forbidden') return 'forbidden';
  if (code === 'prometheus-bad-response' || code === 'prometheus-bad-query') return 'incompatible';
  return 'down';
}

/** The source answers a query: every source must (docs/SOURCES.md). */
export async function probeHealth(
  client: PrometheusClient,
): Promise<{ health: Health; error: SourceStatus['error'] }> {
  try {
    await client.query('vector(1)');
    return { health: 'up', error: null };
  } catch (err) {
    return { health: healthOf(err), error: toErrorInfo(err) };
  }
}

const yes = { available: true, note: '' };
const no = (note: string) => ({ available: false, note });
const why = (err: unknown): string =>
  err instanceof ConsoleError ? err.message.replace(/\.$/, '') : String(err);

/** Asks every optional API once; never throws (a failure is the API's note). */
export async function detect(client: PrometheusClient, baseUrl: string): Promise<Detection> {
  // /-/ready names the product in its text ("Prometheus Server is Ready.", "VictoriaMetrics is
  // Ready."); Debian's VictoriaMetrics answers /api/v1/status/buildinfo with empty data.
  const ready = await client.get('/-/ready').catch(() => null);
  const readyText = ready?.status === 200 ? ready.text : '';
  const isVm = /VictoriaMetrics/i.test(readyText);
  const named = isVm ? 'VictoriaMetrics' : /Prometheus/i.test(readyText) ? 'Prometheus' : null;

  const [build, targets, rules, metadata, config, ui, exemplars] = await Promise.all([
    settle(client.buildInfo()),
    settle(client.targets()),
    settle(client.alertingRules()),
    settle(client.metadata()),
    settle(client.loadedConfig()),
    findUi(client, baseUrl, isVm),
    detectExemplars(client, isVm),
  ]);

  const capabilities: Capabilities = {
    targets: targets.ok
      ? yes
      : no(
          `The source has no /api/v1/targets (${why(targets.error)}): it does not scrape itself ` +
            '(Mimir, Thanos Query and other stores do not), so Targets cannot list anything; the scrapers that feed it show theirs.',
        ),
    rules:
      rules.ok && !(isVm && rules.value.length === 0)
        ? yes
        : no(
            isVm
              ? 'VictoriaMetrics serves rules only through vmalert (-vmalert.proxyURL): the Alerts page shows our rules’ backtest, not their live state. Load them with `peak-watch alerts export` into vmalert or a Prometheus.'
              : `The source has no /api/v1/rules (${rules.ok ? 'no rules' : why(rules.error)}): the Alerts page shows our rules’ backtest, not their live state. Load them with \`peak-watch alerts export\`.`,
          ),
    metadata:
      metadata.ok && !(isVm && Object.keys(metadata.value).length === 0)
        ? yes
        : no(
            isVm
              ? 'VictoriaMetrics keeps no metric metadata (type, help): Explore completes metric and label names without them.'
              : `The source has no /api/v1/metadata (${metadata.ok ? 'empty' : why(metadata.error)}): Explore completes names without type and help.`,
          ),
    buildinfo:
      build.ok && build.value.version
        ? yes
        : no(
            isVm
              ? 'VictoriaMetrics answers /api/v1/status/buildinfo without a version; nothing else depends on it.'
              : `The source does not answer /api/v1/status/buildinfo (${build.ok ? 'no version' : why(build.error)}); its version is not shown.`,
          ),
    exemplars,
  };
  const version = build.ok && build.value.version ? build.value.version : '';
  const product = named
    ? version
      ? `${named} ${version}`
      : named
    : version
      ? `Prometheus-compatible ${version}`
      : null;
  return {
    product,
    uiUrl: ui,
    capabilities,
    configYaml: config.ok ? config.value : null,
  };
}

/**
 * The source's own web UI: VictoriaMetrics' /vmui/ (Debian's build has none), otherwise where the
 * root redirects to (Prometheus 3's /query, 2's /graph, Debian's /classic/graph, Thanos's /graph),
 * following at most a few same-origin redirects under the source's path prefix.
 */
async function findUi(
  client: PrometheusClient,
  baseUrl: string,
  isVm: boolean,
): Promise<string | null> {
  let path = isVm ? '/vmui/' : '/';
  const prefix = new URL(baseUrl).pathname.replace(/\/+$/, '');
  for (let hop = 0; hop < 4; hop++) {
    const answer = await client.get(path).catch(() => null);
    if (!answer) return null;
    if (answer.status === 200) return /html/i.test(answer.contentType) ? `${baseUrl}${path}` : null;
    if (answer.status < 300 || answer.status > 308 || !answer.location) return null;
    const next = new URL(answer.location, `${baseUrl}${path}`);
    if (next.origin !== new URL(baseUrl).origin || !next.pathname.startsWith(prefix)) return null;
    path = next.pathname.slice(prefix.length) + next.search;
  }
  return null;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** Jobs carrying the app's metrics; an error leaves the list empty, with the reason. */
export async function detectJobs(
  client: PrometheusClient,
): Promise<{ jobs: string[]; error: string | null }> {
  try {
    const result = await client.query(JOB_QUERY);
    const jobs =
      result.resultType === 'vector'
        ? result.result.map((r) => r.metric.job).filter((j): j is string => !!j)
        : [];
    return { jobs: [...new Set(jobs)].sort(), error: null };
  } catch (err) {
    return { jobs: [], error: why(err) };
  }
}

/** The job the dashboard and Targets use, and why. */
export function chooseJob(
  configured: string,
  detected: string[],
  lookupError: string | null,
): SourceStatus['job'] {
  const base = { configured, detected };
  if (configured) {
    const seen = detected.length === 0 || detected.includes(configured);
    return {
      ...base,
      effective: configured,
      note: seen
        ? 'set in Settings'
        : `set in Settings; the source carries the app's metrics in ${detected.join(', ')} instead`,
    };
  }
  if (detected.length === 1) {
    return { ...base, effective: detected[0] ?? SCRAPE_JOB, note: 'detected from the source' };
  }
  if (detected.length > 1) {
    const pick = PREFERRED_JOBS.find((j) => detected.includes(j)) ?? detected[0] ?? SCRAPE_JOB;
    return {
      ...base,
      effective: pick,
      note: `several jobs carry the app's metrics (${detected.join(', ')}); using ${pick} — choose one in Settings → Source → Job`,
    };
  }
  const reason = lookupError
    ? `the source could not be asked (${lookupError})`
    : 'no series of peak_trade_http_requests_total or peak_trade_metrics_fallback in the last hour';
  return {
    ...base,
    effective: SCRAPE_JOB,
    note: `none found: ${reason}; using ${SCRAPE_JOB} — set the job in Settings → Source → Job if the app's job has another name`,
  };
}

/** "15s", "1m30s", "500ms" → seconds; null when not a Prometheus duration. */
export function durationSeconds(text: string): number | null {
  const units: Record<string, number> = {
    ms: 0.001,
    s: 1,
    m: 60,
    h: 3600,
    d: 86400,
    w: 604800,
    y: 31536000,
  };
  const parts = [...text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== text) return null;
  return parts.reduce((sum, p) => sum + Number(p[1]) * (units[p[2] ?? 's'] ?? 0), 0);
}

/**
 * The scrape interval of `job` in a config as Prometheus or VictoriaMetrics prints it: the job's
 * own, else the global one, else both engines' default of one minute.
 */
export function scrapeIntervalOf(yaml: string, job: string): number | null {
  const lines = yaml.split('\n');
  let section = '';
  let currentJob: string | null = null;
  let global: number | null = null;
  const perJob = new Map<string, number>();
  for (const line of lines) {
    const top = /^([A-Za-z_]+):/.exec(line);
    if (top) {
      section = top[1] ?? '';
      currentJob = null;
      continue;
    }
    if (section === 'scrape_configs') {
      const name = /^\s*- job_name:\s*["']?([^"'\s]+)["']?\s*$/.exec(line);
      if (name) {
        currentJob = name[1] ?? null;
        continue;
      }
    }
    const interval = /^(\s+)scrape_interval:\s*["']?([0-9a-z]+)["']?\s*$/.exec(line);
    if (!interval) continue;
    const seconds = durationSeconds(interval[2] ?? '');
    if (seconds === null) continue;
    if (section === 'global' && (interval[1] ?? '').length === 2) global = seconds;
    // A job's own keys sit two spaces in ("- job_name" then "  scrape_interval").
    if (section === 'scrape_configs' && currentJob && (interval[1] ?? '').length === 2)
      perJob.set(currentJob, seconds);
  }
  return perJob.get(job) ?? global ?? 60;
}
