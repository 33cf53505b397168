// The Traces page's filters: route (the routes seen so far), status, minimum duration, range.
import { useState } from 'react';
import type { TraceStatusFilter } from '../../../../shared/contract/telemetry';
import { minDurationIssue, TRACE_RANGES, TRACE_STATUSES } from '../../lib/telemetry-view';
import { useTracesStore } from '../../stores/traces';

export function TraceFilters() {
  const filters = useTracesStore((s) => s.filters);
  const routes = useTracesStore((s) => s.routes);
  const setFilters = useTracesStore((s) => s.setFilters);
  // The duration as typed: applied when it is a duration, its issue shown when not.
  const [minText, setMinText] = useState(filters.minDurationMs);
  const issue = minDurationIssue(minText);
  return (
    <div className="tel-filters" role="search" aria-label="Filter traces">
      <label>
        Route
        <select
          className="select"
          value={filters.route}
          onChange={(e) => setFilters({ route: e.target.value })}
          data-testid="traces-route"
        >
          <option value="">Any route</option>
          {routes.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select
          className="select"
          value={filters.status}
          onChange={(e) => setFilters({ status: e.target.value as TraceStatusFilter | '' })}
          data-testid="traces-status"
        >
          <option value="">Any status</option>
          {TRACE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Min. duration (ms)
        <input
          className="input input-number"
          inputMode="decimal"
          value={minText}
          aria-invalid={issue !== null}
          aria-describedby={issue ? 'traces-min-issue' : undefined}
          onChange={(e) => {
            setMinText(e.target.value);
            if (minDurationIssue(e.target.value) === null)
              setFilters({ minDurationMs: e.target.value });
          }}
          data-testid="traces-min-duration"
        />
        {issue && (
          <span id="traces-min-issue" className="tel-field-error" role="alert">
            {issue}
          </span>
        )}
      </label>
      <label>
        Time range
        <select
          className="select"
          value={filters.rangeMinutes}
          onChange={(e) => setFilters({ rangeMinutes: Number(e.target.value) })}
          data-testid="traces-range"
        >
          {TRACE_RANGES.map(([m, text]) => (
            <option key={m} value={m}>
              {text}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
