// The preflight checks' ids, in the report's order. They cross every boundary (the core re-runs
// checks by id after a change, the renderer re-runs one, the CLI names one), so each is typed:
// a misspelt id fails typecheck instead of silently re-running nothing.
export const PREFLIGHT_CHECK_IDS = [
  'docker-cli',
  'compose',
  'docker-engine',
  'prometheus-binary',
  'grafana-binary',
  'port-server',
  'port-prometheus',
  'port-grafana',
  'stack-files',
  'secrets',
  'prom-client',
  'prometheus-ready',
  'scrape-target',
  'grafana',
  'remote-write',
  'full-stack',
  'source-reachable',
  'source-auth',
  'source-api',
  'source-app-metrics',
  'source-scrape-interval',
] as const;
export type PreflightCheckId = (typeof PREFLIGHT_CHECK_IDS)[number];

/** Whether a string (a CLI argument, a request's `only`) names a preflight check. */
export function isPreflightCheckId(id: string): id is PreflightCheckId {
  return (PREFLIGHT_CHECK_IDS as readonly string[]).includes(id);
}
