// A multi-value variable picker like Grafana's: "All" or any set of values, with a filter box.
// The button and its open/close live here; the popover's list is MultiSelectOptions; what a tick
// means is lib/multi-select.ts.
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { ALL } from '../../../shared/dashboard';
import { allChoices, filterChoices, isAllChosen, summary, toggleChoice } from '../lib/multi-select';

interface Props {
  label: string;
  options: readonly string[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  onOpen?: () => void;
  testId: string;
}

/** Closes an open popover on a click outside `root` or on Escape. */
function useDismiss(
  open: boolean,
  root: RefObject<HTMLDivElement | null>,
  setOpen: (open: boolean) => void,
) {
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, root, setOpen]);
}

export function MultiSelect({ label, options, value, onChange, onOpen, testId }: Props) {
  const [open, setOpen] = useState(false);
  // The filter outlives the popover: reopening shows the same filtered list.
  const [filter, setFilter] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const listId = useId();
  useDismiss(open, root, setOpen);

  return (
    <div className="multi" ref={root}>
      <button
        type="button"
        className="select-button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={listId}
        aria-label={`${label}: ${summary(value)}`}
        onClick={() => {
          if (!open) onOpen?.();
          setOpen(!open);
        }}
        data-testid={testId}
      >
        <span className="select-value">{summary(value)}</span>
        <span className="caret" aria-hidden="true" />
      </button>
      {open && (
        <MultiSelectOptions
          id={listId}
          label={label}
          options={options}
          value={value}
          onChange={onChange}
          testId={testId}
          filter={filter}
          setFilter={setFilter}
        />
      )}
    </div>
  );
}

/** The open popover: the filter box past eight values, "All", and one checkbox per value. */
function MultiSelectOptions({
  id,
  label,
  options,
  value,
  onChange,
  testId,
  filter,
  setFilter,
}: Omit<Props, 'onOpen'> & { id: string; filter: string; setFilter: (filter: string) => void }) {
  const isAll = isAllChosen(value);
  const all = allChoices(options, value);
  const shown = filterChoices(all, filter);
  return (
    <div
      className="multi-popover"
      id={id}
      role="group"
      aria-label={label}
      data-testid={`${testId}-options`}
    >
      {all.length > 8 && (
        <input
          className="input input-small"
          placeholder="Filter…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-label={`Filter ${label}`}
          autoFocus
        />
      )}
      <label className="multi-option">
        <input
          type="checkbox"
          checked={isAll}
          onChange={() => onChange([ALL])}
          data-testid={`${testId}-all`}
        />
        <span>All</span>
      </label>
      {shown.map((option) => (
        <label key={option} className="multi-option">
          <input
            type="checkbox"
            checked={!isAll && value.includes(option)}
            onChange={() => onChange(toggleChoice(value, option))}
            data-testid={`${testId}-option`}
            data-value={option}
          />
          <span className="mono">{option}</span>
        </label>
      ))}
      {all.length === 0 && (
        <div className="muted small multi-empty">
          No values yet — Prometheus has not seen any request.
        </div>
      )}
    </div>
  );
}
