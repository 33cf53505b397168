// The Alerts page's two filters: by state (with each state's count) and by severity, each a row
// of radio buttons like Prometheus's alerts page.
import type { SeverityFilter, StateFilter } from '../../lib/alerts';
import { SEVERITY_FILTERS, STATE_FILTERS } from '../../lib/alerts';

interface ChoiceProps<T extends string> {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  testId?: string;
  buttonTestId: (option: T) => string;
  counts?: Record<T, number> | null;
}

function Choice<T extends string>(p: ChoiceProps<T>) {
  return (
    <div className="segmented" role="radiogroup" aria-label={p.label} data-testid={p.testId}>
      {p.options.map((f) => (
        <button
          key={f}
          type="button"
          role="radio"
          aria-checked={p.value === f}
          className={p.value === f ? 'active' : ''}
          onClick={() => p.onChange(f)}
          data-testid={p.buttonTestId(f)}
        >
          {f}
          {p.counts && <span className="count">{p.counts[f]}</span>}
        </button>
      ))}
    </div>
  );
}

interface Props {
  state: StateFilter;
  setState: (state: StateFilter) => void;
  severity: SeverityFilter;
  setSeverity: (severity: SeverityFilter) => void;
  counts: Record<StateFilter, number> | null;
}

export function AlertFilters({ state, setState, severity, setSeverity, counts }: Props) {
  return (
    <div className="row">
      <Choice
        label="Filter by state"
        options={STATE_FILTERS}
        value={state}
        onChange={setState}
        testId="alerts-filter-state"
        buttonTestId={(f) => `alerts-filter-${f}`}
        counts={counts}
      />
      <Choice
        label="Filter by severity"
        options={SEVERITY_FILTERS}
        value={severity}
        onChange={setSeverity}
        buttonTestId={(f) => `alerts-severity-${f}`}
      />
    </div>
  );
}
