// Explore's table: the instant answer as Prometheus's UI lists it — each series with its labels
// and value (for a range selector, its samples), or the one scalar or string.
import { sampleAt, sampleText, type InstantQueryResult } from '../../../../shared/api';
import { formatClock } from '../../lib/format';
import { formatSeriesSelector } from '../../lib/prom-rows';

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
            {Array.from(table.times, (t, j) => {
              const v = sampleAt(s, j);
              return v === null ? null : (
                <div key={j}>
                  {sampleText(v)} <span className="muted">@ {formatClock(t, true)}</span>
                </div>
              );
            })}
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
