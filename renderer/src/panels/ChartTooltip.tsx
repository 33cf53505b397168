// One tooltip for every timeseries: values in the panel's unit, largest first, capped so fifty
// series do not cover the chart. Rendered by ChartHover, not by recharts' `Tooltip` (see there).
import type { PanelUnit } from '../../../shared/dashboard';
import { formatClock, formatUnit } from '../lib/format';

const MAX_ROWS = 12;

export interface TooltipEntry {
  key: string;
  name: string;
  color: string;
  value: number;
}

interface Props {
  /** The sample time, ms. */
  time: number;
  entries: readonly TooltipEntry[];
  unit: PanelUnit;
  /** Alerts firing at this time (names), listed first. */
  alerts?: readonly string[];
}

export function ChartTooltip({ time, entries, unit, alerts = [] }: Props) {
  const sorted = [...entries].sort((a, b) => b.value - a.value);
  const shown = sorted.slice(0, MAX_ROWS);
  return (
    <div className="chart-tooltip" data-testid="chart-tooltip">
      <div className="chart-tooltip-time">{formatClock(time, true)}</div>
      {alerts.map((name) => (
        <div key={name} className="chart-tooltip-alert" data-testid="chart-tooltip-alert">
          firing: {name}
        </div>
      ))}
      {shown.map((e) => (
        <div key={e.key} className="chart-tooltip-row">
          <span className="swatch" style={{ background: e.color }} />
          <span className="chart-tooltip-name">{e.name}</span>
          <span className="chart-tooltip-value">{formatUnit(e.value, unit)}</span>
        </div>
      ))}
      {sorted.length > shown.length && (
        <div className="muted small">+{sorted.length - shown.length} more</div>
      )}
      {sorted.length === 0 && <div className="muted small">no value at this time</div>}
    </div>
  );
}
