// Preflight: what must hold before the stack can start and the console can read, as checks a
// newcomer can act on. Each check says what it saw and how to fix it; none throws.
import {
  ConsoleError,
  type CheckStatus,
  type PreflightCheck,
  type PreflightReport,
} from '../../shared/api';
import { isPreflightCheckId, type PreflightCheckId } from '../../shared/preflight-ids';
import { diffSettings, type Settings } from '../../shared/settings';
import { REMOTE_WRITE_CHECK, remoteWriteCheck } from './remote-write/preflight';
import { FULL_STACK_CHECK, fullStackCheck } from './preflight-full-stack';
import type { CheckSpec, PreflightDeps } from './preflight-kit';
import { LOCAL_CHECKS } from './preflight-local';
import { RUNTIME_CHECKS } from './preflight-runtime';
import { SOURCE_TITLES, sourceChecks, type SourceCheckId } from './preflight-source';
import { STACK_CHECKS } from './preflight-stack';

export type { PreflightDeps } from './preflight-kit';

// In the report's order: the runtime's tools, this machine, the running stack, the receivers,
// the source.
const CHECKS: CheckSpec[] = [
  ...RUNTIME_CHECKS,
  ...LOCAL_CHECKS,
  ...STACK_CHECKS,
  { ...REMOTE_WRITE_CHECK, run: (d) => remoteWriteCheck(d.remoteWrite) },
  {
    ...FULL_STACK_CHECK,
    run: (d) => fullStackCheck({ settings: d.settings, docker: d.drivers.docker }),
  },

  ...sourceChecks(),
];

/** The checks in the report's order; the shared list names the same ids in the same order. */
export const PREFLIGHT_IDS: readonly PreflightCheckId[] = CHECKS.map((c) => c.id);

export async function runPreflight(
  deps: PreflightDeps,
  only?: string | readonly string[],
): Promise<PreflightReport> {
  const wanted = typeof only === 'string' ? [only] : only;
  const unknown = wanted?.find((id) => !isPreflightCheckId(id));
  if (unknown !== undefined) {
    throw new ConsoleError({
      code: 'invalid-request',
      message: `No preflight check named ${unknown}; known: ${PREFLIGHT_IDS.join(', ')}`,
      fix: 'Use one of the ids listed.',
    });
  }
  const selected = wanted ? CHECKS.filter((c) => wanted.includes(c.id)) : CHECKS;
  const run = async (c: (typeof CHECKS)[number]): Promise<PreflightCheck> => ({
    id: c.id,
    title: typeof c.title === 'function' ? c.title(deps.settings) : c.title,
    ...(await c.run(deps)),
  });
  // A port check binds its port for a moment; a probe connecting to that port just then is reset
  // (ECONNRESET) instead of refused. So the port checks go first, then the rest together.
  const isPort = (c: (typeof CHECKS)[number]): boolean => c.id.startsWith('port-');
  const done = new Map<string, PreflightCheck>();
  for (const batch of [selected.filter(isPort), selected.filter((c) => !isPort(c))]) {
    for (const check of await Promise.all(batch.map(run))) done.set(check.id, check);
  }
  const checks = selected.map((c) => done.get(c.id) as PreflightCheck);
  const summary: Record<CheckStatus, number> = { ok: 0, warn: 0, fail: 0, skipped: 0 };
  for (const c of checks) summary[c.status]++;
  return { checks, ranAt: new Date().toISOString(), summary };
}

/** The checks a settings change can change the answer of; re-run and pushed after it. */
export function affectedChecks(previous: Settings, next: Settings): PreflightCheckId[] {
  const ids = new Set<PreflightCheckId>();
  const add = (...named: PreflightCheckId[]): void => named.forEach((id) => ids.add(id));
  const diff = diffSettings(previous, next);
  if (diff.has('stack', 'runtime'))
    add(
      'docker-cli',
      'compose',
      'docker-engine',
      'prometheus-binary',
      'grafana-binary',
      'stack-files',
      'grafana',
    );
  if (diff.has('stack', 'prometheusBinary')) add('prometheus-binary');
  if (diff.has('stack', 'grafanaBinary')) add('grafana-binary', 'grafana');
  if (diff.has('stack', 'prometheusPort'))
    add('port-prometheus', 'prometheus-ready', 'scrape-target');
  if (diff.has('stack', 'grafanaPort')) add('port-grafana', 'grafana');
  if (diff.has('server', 'host', 'port')) add('port-server', 'scrape-target');
  if (diff.has('server', 'strict')) add('prom-client');
  if (diff.has('source'))
    add('prometheus-ready', 'scrape-target', ...(Object.keys(SOURCE_TITLES) as SourceCheckId[]));
  if (diff.has('stack', 'remoteWrite')) add('remote-write');
  if (diff.has('stack', 'profile', 'runtime')) add('full-stack');
  // Any stack or alert field is written into the stack's files.
  if (diff.has('stack') || diff.has('alerts')) add('stack-files');
  return PREFLIGHT_IDS.filter((id) => ids.has(id));
}
