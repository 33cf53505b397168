// Scrape targets: the app's own target, and the Targets page filter.
import type { ScrapeTarget } from '../../../shared/api';

export type HealthFilter = 'all' | ScrapeTarget['health'];

export const HEALTH_FILTERS: readonly { value: HealthFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'up', label: 'Up' },
  { value: 'down', label: 'Down' },
  { value: 'unknown', label: 'Unknown' },
];

/** The app's target (the job the source carries the app under, SourceStatus.job.effective), the
 * one that feeds every panel; null when the source has none. */
export function findAppTarget(targets: readonly ScrapeTarget[], job: string): ScrapeTarget | null {
  const own = targets.filter((t) => t.job === job);
  // With several (a stale one left from a port change) the one that is down matters most.
  return own.find((t) => t.health === 'down') ?? own[0] ?? null;
}

export function countByHealth(targets: readonly ScrapeTarget[]): Record<HealthFilter, number> {
  const counts: Record<HealthFilter, number> = { all: targets.length, up: 0, down: 0, unknown: 0 };
  for (const t of targets) counts[t.health]++;
  return counts;
}

/** Filtered, grouped by job, down first within a job: the order of Prometheus's targets page. */
export function filterTargets(
  targets: readonly ScrapeTarget[],
  filter: HealthFilter,
): ScrapeTarget[] {
  const rank = { down: 0, unknown: 1, up: 2 } as const;
  return targets
    .filter((t) => filter === 'all' || t.health === filter)
    .sort(
      (a, b) =>
        a.job.localeCompare(b.job) ||
        rank[a.health] - rank[b.health] ||
        a.instance.localeCompare(b.instance),
    );
}

export interface TargetGroup {
  job: string;
  targets: ScrapeTarget[];
  up: number;
}

/** Prometheus's targets page groups by job ("peak_trade_web (1/2 up)"); the app's job first. */
export function groupByJob(targets: readonly ScrapeTarget[], appJob: string): TargetGroup[] {
  const groups = new Map<string, ScrapeTarget[]>();
  for (const t of targets) groups.set(t.job, [...(groups.get(t.job) ?? []), t]);
  return [...groups.entries()]
    .map(([job, list]) => ({
      job,
      targets: list,
      up: list.filter((t) => t.health === 'up').length,
    }))
    .sort(
      (a, b) => Number(b.job === appJob) - Number(a.job === appJob) || a.job.localeCompare(b.job),
    );
}
