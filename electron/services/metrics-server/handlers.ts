// The watch-only routes. Every handler only reads; mutating methods never reach them (the
// request pipeline answers 405 first).
import { DEMO_RUNS } from './demo-runs';
import {
  OPENMETRICS_CONTENT_TYPE,
  OPENMETRICS_EOF,
  textToOpenMetrics,
  wantsOpenMetrics,
} from './openmetrics';
import { FALLBACK_EXPOSITION, STRICT_UNAVAILABLE_BODY, TEXT_CONTENT_TYPE } from './prom-client';
import { jsonReply, textReply, type Reply } from './replies';
import type { Route, RouteContext } from './routes';
import type { ServerState } from './state';

export const CONTRACT_VERSION = 'v0.1B';

const uptimeSeconds = (state: ServerState): number =>
  Math.round((performance.now() - state.startedAt) / 10) / 100;

const FALLBACK_REPLY = textReply(200, TEXT_CONTENT_TYPE, FALLBACK_EXPOSITION);
const STRICT_REPLY = textReply(503, 'text/plain; charset=utf-8', STRICT_UNAVAILABLE_BODY);

async function metrics({ state, accept }: RouteContext): Promise<Reply> {
  const prom = state.prom;
  // Without prom-client, fail open with a signal — or fail the scrape when strict.
  if (prom === null) return state.strict ? STRICT_REPLY : FALLBACK_REPLY;
  const base = await prom.defaults.metrics();
  const instrumentation = state.instrumentation;
  // The text format stays the default; OpenMetrics only for a scraper that prefers it, as
  // Prometheus does (its exemplars exist only there).
  if (wantsOpenMetrics(accept)) {
    const families = instrumentation ? await instrumentation.exposition(true) : '';
    const body = textToOpenMetrics(base) + families + OPENMETRICS_EOF;
    return textReply(200, OPENMETRICS_CONTENT_TYPE, body);
  }
  const body = instrumentation ? base + (await instrumentation.exposition()) : base;
  return textReply(200, prom.defaults.contentType, body);
}

const RUN_LIST = jsonReply(200, { runs: DEMO_RUNS });
const RUNS_BY_ID = new Map(DEMO_RUNS.map((run) => [run.id, jsonReply(200, { run })]));
const NO_SUCH_RUN = jsonReply(404, { error: 'no run with that id' });

let routeList: Reply | null = null;

/** Everything the server serves, in the order /api/routes lists it. */
export const WATCH_ONLY_ROUTES: readonly Route[] = Object.freeze([
  {
    template: '/health',
    handler: ({ state }) =>
      jsonReply(200, {
        status: 'ok',
        contract_version: CONTRACT_VERSION,
        uptime_seconds: uptimeSeconds(state),
      }),
  },
  { template: '/metrics', handler: metrics },
  {
    template: '/api/status',
    handler: ({ state }) =>
      jsonReply(200, {
        watch_only: true,
        contract_version: CONTRACT_VERSION,
        enabled: state.enabled,
        strict: state.strict,
        instrumentation_active: state.instrumentation !== null,
        prom_client: {
          available: state.prom !== null,
          version: state.prom?.version ?? null,
        },
        requests_served: state.requestsServed,
        uptime_seconds: uptimeSeconds(state),
      }),
  },
  {
    template: '/api/routes',
    // Built on first use: the list refers to itself.
    handler: () =>
      (routeList ??= jsonReply(200, { routes: WATCH_ONLY_ROUTES.map((r) => r.template) })),
  },
  { template: '/api/runs', handler: () => RUN_LIST },
  {
    template: '/api/runs/:id',
    handler: ({ params }) => RUNS_BY_ID.get(params.id ?? '') ?? NO_SUCH_RUN,
  },
]);
