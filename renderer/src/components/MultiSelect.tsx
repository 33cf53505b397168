// A multi-value variable picker like Grafana's: "All" or any set of values, with a filter box.
import { useEffect, useId, useRef, useState } from 'react';
import { ALL } from '../../../shared/dashboard';

interface Props {
  label: string;
  options: readonly string[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  onOpen?: () => void;
  testId: string;
}

function summary(value: readonly string[]): string {
  if (value.length === 0 || value.includes(ALL)) return 'All';
  if (value.length <= 2) return value.join(', ');
  return `${value.slice(0, 2).join(', ')} +${value.length - 2}`;
}

export function MultiSelect({ label, options, value, onChange, onOpen, testId }: Props) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const listId = useId();
  const isAll = value.length === 0 || value.includes(ALL);
  // A chosen value that Prometheus no longer reports stays visible, so it can be unticked.
  const all = [...new Set([...options, ...(isAll ? [] : value)])];
  const shown = filter ? all.filter((o) => o.toLowerCase().includes(filter.toLowerCase())) : all;

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
  }, [open]);

  function toggle(option: string): void {
    if (isAll) return onChange([option]);
    const next = value.includes(option) ? value.filter((v) => v !== option) : [...value, option];
    onChange(next.length ? next : [ALL]);
  }

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
        <div
          className="multi-popover"
          id={listId}
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
                onChange={() => toggle(option)}
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
      )}
    </div>
  );
}
