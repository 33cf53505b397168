// Time ranges, refresh intervals and the query step for the live dashboard.
import { SETTINGS_DEFAULTS, type Settings } from '../../../shared/settings';

export const MAX_POINTS = 250;

/** The dashboard's time range choices in minutes (default last 30 m: DASHBOARD_DEFAULTS). */
export const RANGE_OPTIONS: readonly { minutes: number; label: string }[] = [
  { minutes: 5, label: 'Last 5 minutes' },
  { minutes: 15, label: 'Last 15 minutes' },
  { minutes: 30, label: 'Last 30 minutes' },
  { minutes: 60, label: 'Last 1 hour' },
  { minutes: 180, label: 'Last 3 hours' },
  { minutes: 360, label: 'Last 6 hours' },
];

/**
 * The dashboard's range, refresh interval and scrape interval: the settings' values, or before
 * settings have loaded their defaults — the one place the renderer reads them from.
 */
export function dashboardTiming(settings: Settings | null | undefined): {
  rangeMinutes: number;
  refreshSeconds: number;
  scrapeSeconds: number;
} {
  return {
    rangeMinutes: settings?.ui.rangeMinutes ?? SETTINGS_DEFAULTS.ui.rangeMinutes,
    refreshSeconds: settings?.ui.refreshSeconds ?? SETTINGS_DEFAULTS.ui.refreshSeconds,
    scrapeSeconds:
      settings?.stack.scrapeIntervalSeconds ?? SETTINGS_DEFAULTS.stack.scrapeIntervalSeconds,
  };
}

/** The range choices, with a configured default that is not among them added in order. */
export function rangeChoices(configuredMinutes: number): { minutes: number; label: string }[] {
  if (RANGE_OPTIONS.some((r) => r.minutes === configuredMinutes)) return [...RANGE_OPTIONS];
  const label =
    configuredMinutes % 60 === 0
      ? `Last ${configuredMinutes / 60} hours`
      : `Last ${configuredMinutes} minutes`;
  return [...RANGE_OPTIONS, { minutes: configuredMinutes, label }].sort(
    (a, b) => a.minutes - b.minutes,
  );
}

/** Steps a person reads easily; the chosen step is the first that keeps points ≤ MAX_POINTS. */
const NICE_STEPS = [
  1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 86400,
];

/**
 * The step (s) for a range query: at most ~MAX_POINTS points, and never finer than the scrape
 * interval, because Prometheus has no samples between scrapes to show.
 */
export function chooseStep(rangeSeconds: number, scrapeIntervalSeconds: number): number {
  const raw = rangeSeconds / MAX_POINTS;
  const nice = NICE_STEPS.find((s) => s >= raw) ?? Math.ceil(raw);
  return Math.max(nice, Math.max(1, Math.ceil(scrapeIntervalSeconds)));
}

export interface QueryWindow {
  start: number;
  end: number;
  step: number;
}

/** The range query window ending now (unix seconds), its start aligned to the step so that
 * successive refreshes sample the same instants and the lines do not wobble. */
export function queryWindow(
  nowMs: number,
  rangeMinutes: number,
  scrapeIntervalSeconds: number,
  /** A resolution the user chose (Explore); otherwise chooseStep's. */
  fixedStep?: number | null,
): QueryWindow {
  const rangeSeconds = rangeMinutes * 60;
  const step = fixedStep ?? chooseStep(rangeSeconds, scrapeIntervalSeconds);
  const end = Math.floor(nowMs / 1000);
  const start = Math.floor((end - rangeSeconds) / step) * step;
  return { start, end, step };
}

/**
 * Explore's window, the way Prometheus's graph asks: whole steps back from now, so the query is
 * evaluated at now itself and a series that began seconds ago is drawn (queryWindow's aligned
 * start can leave up to a step at the end unevaluated). Nothing refreshes Explore on a timer, so
 * there is no wobble to avoid.
 */
export function windowEndingNow(
  nowMs: number,
  rangeMinutes: number,
  scrapeIntervalSeconds: number,
  fixedStep?: number | null,
): QueryWindow {
  const { end, step } = queryWindow(nowMs, rangeMinutes, scrapeIntervalSeconds, fixedStep);
  return { start: end - Math.ceil((rangeMinutes * 60) / step) * step, end, step };
}

/**
 * The time a chart shows (ms): `spanSeconds` ending at the window's end, or the whole window. A
 * refreshing dashboard passes its range (or zoomed span): the window's start is aligned to the
 * step, so its length varies by up to a step, and a constant span keeps the pixels per second of
 * every panel the same from one refresh to the next and from one panel to another.
 */
export function shownSpan(window: QueryWindow, spanSeconds?: number): [number, number] {
  const end = window.end * 1000;
  return [spanSeconds ? end - spanSeconds * 1000 : window.start * 1000, end];
}

const REFRESH_CHOICES = [5, 10, 15, 30, 60, 120, 300];

export interface RefreshChoices {
  options: number[];
  /** The preferred interval, raised to the scrape interval where it was faster. */
  initial: number;
}

/**
 * Refresh intervals offered on the dashboard: never faster than the scrape interval (a faster
 * refresh only re-reads the same samples). The settings' refreshSeconds is the initial choice.
 */
export function refreshChoices(
  scrapeIntervalSeconds: number,
  preferredSeconds: number,
): RefreshChoices {
  const floor = Math.max(1, Math.ceil(scrapeIntervalSeconds));
  const initial = Math.max(preferredSeconds, floor);
  const set = new Set(REFRESH_CHOICES.filter((s) => s >= floor));
  set.add(floor);
  set.add(initial);
  return { options: [...set].sort((a, b) => a - b), initial };
}

/** "10 s", "1 min", "5 min". */
export function formatInterval(seconds: number): string {
  if (seconds < 60 || seconds % 60 !== 0) return `${seconds} s`;
  return `${seconds / 60} min`;
}

const TICK_STEPS_S = [
  10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
];

export interface TimeTicks {
  ticks: number[];
  /** Whether the labels need seconds (ticks closer than a minute). */
  withSeconds: boolean;
}

/**
 * Time-axis ticks (ms) at round local times — 14:05, 14:10 — at most `maxTicks` of them across
 * [startMs, endMs]. `tzOffsetMinutes` is Date#getTimezoneOffset(), so :30 zones round correctly.
 */
export function timeTicks(
  startMs: number,
  endMs: number,
  maxTicks = 6,
  tzOffsetMinutes = new Date(startMs).getTimezoneOffset(),
): TimeTicks {
  const span = Math.max(0, endMs - startMs) / 1000;
  const step = (TICK_STEPS_S.find((s) => span / s <= maxTicks) ?? 86400) * 1000;
  const shift = -tzOffsetMinutes * 60_000;
  const first = Math.ceil((startMs + shift) / step) * step - shift;
  const ticks: number[] = [];
  for (let t = first; t <= endMs; t += step) ticks.push(t);
  return { ticks, withSeconds: step < 60_000 };
}
