// The Logs page's filters (level and worse, text, trace id) and the live tail's pause/resume.
import { useState } from 'react';
import { LOG_SEVERITIES, type LogSeverity } from '../../../../shared/contract/telemetry';
import { Icon } from '../../components/Icon';
import { traceIdIssue } from '../../lib/telemetry-view';
import { useLogsStore } from '../../stores/logs';

export function LogFilters() {
  const filters = useLogsStore((s) => s.filters);
  const paused = useLogsStore((s) => s.paused);
  const missed = useLogsStore((s) => s.missed);
  const { setFilters, setPaused } = useLogsStore.getState();
  // Text is applied as typed; a trace id once it is one (its issue shown until then).
  const [traceText, setTraceText] = useState(filters.traceId);
  const issue = traceIdIssue(traceText);
  return (
    <div className="tel-filters" role="search" aria-label="Filter log records">
      <label>
        Level (and worse)
        <select
          className="select"
          value={filters.minSeverity}
          onChange={(e) => setFilters({ minSeverity: e.target.value as LogSeverity })}
          data-testid="logs-level"
        >
          {LOG_SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s === 'unspecified' ? 'Any level' : s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Text
        <input
          className="input"
          type="search"
          value={filters.text}
          placeholder="in the body or an attribute"
          onChange={(e) => setFilters({ text: e.target.value })}
          data-testid="logs-text"
        />
      </label>
      <label>
        Trace id
        <input
          className="input mono"
          value={traceText}
          size={34}
          spellCheck={false}
          aria-invalid={issue !== null}
          onChange={(e) => {
            setTraceText(e.target.value);
            if (traceIdIssue(e.target.value) === null) setFilters({ traceId: e.target.value });
          }}
          data-testid="logs-trace-id"
        />
        {issue && (
          <span className="tel-field-error" role="alert" data-testid="logs-trace-id-issue">
            {issue}
          </span>
        )}
      </label>
      <button
        type="button"
        className="btn btn-ghost btn-small"
        aria-pressed={paused}
        onClick={() => setPaused(!paused)}
        data-testid="logs-pause"
      >
        <Icon name={paused ? 'play' : 'pause'} />{' '}
        {paused ? (missed ? 'Resume (new records)' : 'Resume live tail') : 'Pause live tail'}
      </button>
    </div>
  );
}
