// The preflight checks of the source the console reads (docs/SOURCES.md → Preflight).
import { type SourceStatus } from '../../shared/api';
import { type PreflightCheckId } from '../../shared/preflight-ids';
import { type Check, type CheckSpec, fixOf, msg, ok, type PreflightDeps } from './preflight-kit';

export const SOURCE_TITLES = {
  'source-reachable': 'Source reachable',
  'source-auth': 'Source accepts the credentials',
  'source-api': 'Source answers the Prometheus API',
  'source-app-metrics': "Source has the app's metrics",
  'source-scrape-interval': "Source's scrape interval",
} as const satisfies Partial<Record<PreflightCheckId, string>>;
export type SourceCheckId = keyof typeof SOURCE_TITLES;

/** The smallest rate() window the dashboard offers: four scrapes should fit in it. */
const SMALLEST_WINDOW_SECONDS = 60;

/**
 * The source checks (docs/SOURCES.md → Preflight). They share one status per report; each one
 * after the first that failed is skipped with the reason, so a report names one thing to fix.
 * The managed source is checked by the stack's own checks (Prometheus ready, scrape target).
 */
export function sourceChecks(): CheckSpec[] {
  const run =
    (id: SourceCheckId) =>
    async (d: PreflightDeps): Promise<Check> => {
      if (d.settings.source.kind !== 'existing' || !d.source) {
        return {
          status: 'skipped',
          observed: 'the source is the managed stack: see Prometheus ready and the scrape target',
          fix: '',
        };
      }
      let s: SourceStatus;
      try {
        s = await d.source();
      } catch (err) {
        return { status: 'fail', observed: msg(err), fix: fixOf(err, '') };
      }
      return sourceCheck(id, s);
    };
  return (Object.keys(SOURCE_TITLES) as SourceCheckId[]).map((id) => ({
    id,
    title: SOURCE_TITLES[id],
    run: run(id),
  }));
}

function sourceCheck(id: SourceCheckId, s: SourceStatus): Check {
  const failed = (): Check => ({
    status: 'fail',
    observed: s.error?.message ?? s.health,
    fix: s.error?.fix ?? '',
  });
  const waits = (on: string): Check => ({
    status: 'skipped',
    observed: `waits for ${on}`,
    fix: '',
  });
  switch (id) {
    case 'source-reachable':
      if (s.health === 'down') return failed();
      return ok(`${s.url} answered${s.product ? ` (${s.product})` : ''}`);
    case 'source-auth':
      if (s.health === 'down') return waits('the source to be reachable');
      if (s.health === 'unauthorized' || s.health === 'forbidden') return failed();
      return ok(s.authKind === 'none' ? 'no auth needed' : `accepted: ${s.auth}`);
    case 'source-api': {
      if (s.health === 'incompatible') return failed();
      if (s.health !== 'up') return waits('the source to accept the credentials');
      const missing = Object.entries(s.capabilities)
        .filter(([, c]) => !c.available)
        .map(([name]) => name);
      return ok(
        `${s.product ?? 'the source'} answered /api/v1/query` +
          (missing.length ? `; without: ${missing.join(', ')} (see the source's notes)` : ''),
      );
    }
    case 'source-app-metrics':
      if (s.health !== 'up') return waits('the source to answer queries');
      if (s.job.detected.includes(s.job.effective)) {
        return ok(`job ${s.job.effective} carries peak_trade_* (${s.job.note})`);
      }
      return {
        status: 'warn',
        observed: `no peak_trade_http_requests_total or peak_trade_metrics_fallback in job ${s.job.effective} within the last hour (${s.job.note})`,
        fix:
          'Have this source scrape the app (its /metrics, with PEAK_TRADE_PROMETHEUS_ENABLED=1 and some requests served), ' +
          'or name the job that does in Settings → Source → Job (peak-watch settings set source.job NAME).',
      };
    case 'source-scrape-interval': {
      if (s.health !== 'up') return waits('the source to answer queries');
      const every = s.scrapeIntervalSeconds;
      if (every === null) {
        return {
          status: 'skipped',
          observed: 'the source does not serve its scrape config (/api/v1/status/config)',
          fix: '',
        };
      }
      if (every * 4 > SMALLEST_WINDOW_SECONDS) {
        return {
          status: 'warn',
          observed: `every ${every} s: the dashboard's 1m window holds fewer than four scrapes, so its rates show gaps`,
          fix: 'Choose a window of at least 4× the scrape interval on the dashboard, or scrape the app more often.',
        };
      }
      return ok(`every ${every} s`);
    }
  }
}
