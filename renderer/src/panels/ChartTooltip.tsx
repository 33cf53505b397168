// One tooltip for every timeseries: values in the panel's unit, largest first, capped so fifty
// series do not cover the chart.
import type { TooltipContentProps } from 'recharts';
import type { PanelUnit } from '../../../shared/dashboard';
import { formatClock, formatUnit } from '../lib/format';

const MAX_ROWS = 12;

interface Props extends Partial<TooltipContentProps> {
  unit: PanelUnit;
  names: ReadonlyMap<string, string>;
}

export function ChartTooltip({ active, payload, label, unit, names }: Props) {
  if (!active || !payload?.length) return null;
  const entries = payload
    .filter((p) => typeof p.value === 'number')
    .map((p) => ({
      key: String(p.dataKey),
      value: p.value as number,
      color: String(p.color ?? p.stroke ?? ''),
    }))
    .sort((a, b) => b.value - a.value);
  const shown = entries.slice(0, MAX_ROWS);
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-time">
        {typeof label === 'number' ? formatClock(label, true) : label}
      </div>
      {shown.map((e) => (
        <div key={e.key} className="chart-tooltip-row">
          <span className="swatch" style={{ background: e.color }} />
          <span className="chart-tooltip-name">{names.get(e.key) ?? e.key}</span>
          <span className="chart-tooltip-value">{formatUnit(e.value, unit)}</span>
        </div>
      ))}
      {entries.length > shown.length && (
        <div className="muted small">+{entries.length - shown.length} more</div>
      )}
      {entries.length === 0 && <div className="muted small">no value at this time</div>}
    </div>
  );
}
