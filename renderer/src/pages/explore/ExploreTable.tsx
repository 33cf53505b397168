// Explore's table: the instant answer as Prometheus's UI lists it — each series with its labels
// and value (for a range selector, its samples), or the one scalar or string.
import type { InstantQueryResult, SampleValue } from '../../../../shared/api';
import { formatClock } from '../../lib/format';
import { formatSeriesSelector } from '../../lib/prom-rows';

const sample = (v: SampleValue): string => (v === null ? '' : String(v));

function Rows({ table }: { table: InstantQueryResult }) {
  switch (table.resultType) {
    case 'scalar':
    case 'string':
      return (
        <tr data-testid="explore-table-row">
          <td className="muted">{table.resultType}</td>
          <td className="mono">{table.result[1]}</td>
        </tr>
      );
    case 'vector':
      return table.result.map((s, i) => (
        <tr key={i} data-testid="explore-table-row">
          <td className="mono">{formatSeriesSelector(s.metric)}</td>
          <td className="mono">{s.value[1]}</td>
        </tr>
      ));
    case 'matrix':
      return table.series.map((s, i) => (
        <tr key={i} data-testid="explore-table-row">
          <td className="mono">{formatSeriesSelector(s.metric)}</td>
          <td className="mono explore-samples">
            {s.values.map((v, j) =>
              v === null ? null : (
                <div key={j}>
                  {sample(v)}{' '}
                  <span className="muted">@ {formatClock(table.times[j] ?? 0, true)}</span>
                </div>
              ),
            )}
          </td>
        </tr>
      ));
  }
}

export function ExploreTable({ table }: { table: InstantQueryResult }) {
  const empty =
    (table.resultType === 'vector' && table.result.length === 0) ||
    (table.resultType === 'matrix' && table.series.length === 0);
  if (empty)
    return (
      <div className="muted explore-empty" data-testid="explore-table-empty">
        Empty query result
      </div>
    );
  return (
    <table className="table explore-table" data-testid="explore-table">
      <thead>
        <tr>
          <th>Series</th>
          <th>Value</th>
        </tr>
      </thead>
      <tbody>
        <Rows table={table} />
      </tbody>
    </table>
  );
}
