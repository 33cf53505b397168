// How much of a result Explore shows: more series than EXPLORE_MAX_SERIES are neither drawn nor
// listed; the first ones are, with a note saying how many were left out, as Prometheus's UI does.
import type { InstantQueryResult } from '../../../shared/api';

export const EXPLORE_MAX_SERIES = 500;

/** Series (or samples) in an instant answer: a scalar or string counts as one. */
export function tableSize(table: InstantQueryResult | null): number {
  if (!table) return 0;
  if (table.resultType === 'vector') return table.result.length;
  if (table.resultType === 'matrix') return table.series.length;
  return 1;
}

/** The instant answer as the table shows it: its first `max` series. */
export function shownTable(
  table: InstantQueryResult | null,
  max = EXPLORE_MAX_SERIES,
): InstantQueryResult | null {
  if (!table) return null;
  if (table.resultType === 'vector') return { ...table, result: table.result.slice(0, max) };
  if (table.resultType === 'matrix') return { ...table, series: table.series.slice(0, max) };
  return table;
}
