// The 'bar' panel body: the latest value per series as horizontal bars, largest on top, on a
// value axis with nice ticks; hovering a row names the series and its value, and so does
// stepping through the rows with the arrow keys on the focused chart. Drawn here rather
// than by recharts' BarChart, which measured every label's text in the page (a forced layout)
// and ran its store and selectors on each refresh although only ten numbers had changed
// (docs/ARCHITECTURE.md, "The chart layer").
import { memo, useMemo, useState, type KeyboardEvent } from 'react';
import type { PanelUnit } from '../../../shared/dashboard';
import { formatUnit } from '../lib/format';
import { linearMap } from '../lib/linear-map';
import { niceScale, niceTicks } from '../lib/nice-scale';
import type { BarData } from '../lib/prom-rows';
import { TICK_MARGIN, TICK_SIZE, useWidth } from './ChartFrame';
import { AXIS_COLOR, BAR_COLOR, GRID_COLOR } from './colors';

interface Props {
  data: BarData;
  unit: PanelUnit;
  height: number;
  /** What the chart is (its panel's title); the keyboard help follows it. */
  label?: string;
  /** The id of the text naming every bar and its value. */
  describedBy?: string;
}

const KEYBOARD_HELP = 'up and down arrows step through the bars, Home and End go to the ends';

/** Room for the route names on the left, the value labels under the bars, a margin right. */
const MARGIN = { top: 4, right: 16, bottom: 30, left: 170 } as const;
const BAR_HEIGHT = 14;
const RADIUS = 3;

function shorten(name: string): string {
  return name.length > 28 ? `…${name.slice(-27)}` : name;
}

/** A bar from x0 to x1 with its right end rounded, as one path (a mark e2e counts as data). */
function barPath(x0: number, x1: number, y: number): string {
  const w = Math.max(0, x1 - x0);
  const r = Math.min(RADIUS, w / 2, BAR_HEIGHT / 2);
  return (
    `M${x0},${y}h${w - r}a${r},${r} 0 0 1 ${r},${r}v${BAR_HEIGHT - 2 * r}` +
    `a${r},${r} 0 0 1 ${-r},${r}h${r - w}z`
  );
}

export const BarPanelChart = memo(function BarPanelChart({
  data,
  unit,
  height,
  label = 'Bar chart',
  describedBy,
}: Props) {
  const [ref, width] = useWidth();
  const [hover, setHover] = useState<number | null>(null);
  /** Whether the keys chose the row last: only then is it read out (live region below). */
  const [viaKeys, setViaKeys] = useState(false);
  const { rows } = data;
  const max = rows.reduce((m, r) => Math.max(m, r.value), 0);
  const scale = niceScale(0, max > 0 ? max : 1);
  const [lo, hi] = scale.domain;
  const ticks = useMemo(() => niceTicks(lo, hi, scale.step), [lo, hi, scale.step]);
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const band = rows.length ? plotH / rows.length : 0;
  const x = linearMap(lo, hi, MARGIN.left, MARGIN.left + plotW);
  const at = (v: number): number => x.scale * v + x.offset;
  const bottom = MARGIN.top + plotH;
  const hovered = hover !== null ? rows[hover] : undefined;

  function onKey(e: KeyboardEvent<SVGSVGElement>): void {
    const last = rows.length - 1;
    if (last < 0) return;
    const next =
      e.key === 'ArrowDown'
        ? hover === null
          ? 0
          : Math.min(last, hover + 1)
        : e.key === 'ArrowUp'
          ? hover === null
            ? 0
            : Math.max(0, hover - 1)
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : e.key === 'Escape'
                ? null
                : undefined;
    if (next === undefined) return;
    e.preventDefault(); // the keys step the bars; they do not scroll the page
    setHover(next);
    setViaKeys(true);
  }

  return (
    <div ref={ref} className="bar-chart" style={{ position: 'relative', width: '100%', height }}>
      {plotW > 0 && plotH > 0 && (
        <svg
          width={width}
          height={height}
          className="chart-frame-svg"
          tabIndex={0}
          aria-label={`${label}: ${KEYBOARD_HELP}`}
          aria-describedby={describedBy}
          onMouseLeave={() => setHover(null)}
          onKeyDown={onKey}
          onBlur={() => setHover(null)}
        >
          <g className="chart-grid" stroke={GRID_COLOR}>
            {ticks.map((v) => (
              <line key={v} x1={at(v)} x2={at(v)} y1={MARGIN.top} y2={bottom} />
            ))}
          </g>
          <g className="chart-axis" stroke={GRID_COLOR}>
            <line x1={MARGIN.left} x2={MARGIN.left + plotW} y1={bottom} y2={bottom} />
            <line x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={bottom} />
          </g>
          <g className="chart-axis" fill={AXIS_COLOR} fontSize={11}>
            {ticks.map((v) => (
              <text
                key={v}
                x={at(v)}
                y={bottom + TICK_SIZE + TICK_MARGIN}
                dy="0.71em"
                textAnchor="middle"
              >
                {formatUnit(v, unit)}
              </text>
            ))}
            {rows.map((r, i) => (
              <text
                key={`${i}:${r.name}`}
                x={MARGIN.left - TICK_SIZE - TICK_MARGIN}
                y={MARGIN.top + band * (i + 0.5)}
                dy="0.355em"
                textAnchor="end"
              >
                {shorten(r.name)}
              </text>
            ))}
          </g>
          {rows.map((r, i) => (
            <g
              key={`${i}:${r.name}`}
              onMouseEnter={() => {
                setHover(i);
                setViaKeys(false);
              }}
            >
              <rect
                x={MARGIN.left}
                y={MARGIN.top + band * i}
                width={plotW}
                height={band}
                fill={hover === i ? 'rgba(255,255,255,0.04)' : 'transparent'}
              />
              <path
                d={barPath(
                  MARGIN.left,
                  at(Math.max(lo, r.value)),
                  MARGIN.top + band * (i + 0.5) - BAR_HEIGHT / 2,
                )}
                fill={BAR_COLOR}
              />
            </g>
          ))}
        </svg>
      )}
      <div className="sr-only" aria-live="polite" data-testid="chart-live">
        {viaKeys && hovered ? `${hovered.name} ${formatUnit(hovered.value, unit)}` : ''}
      </div>
      {hovered && hover !== null && (
        <div
          className="chart-tooltip"
          data-testid="chart-tooltip"
          style={{
            position: 'absolute',
            pointerEvents: 'none',
            left: Math.min(at(Math.max(lo, hovered.value)) + 12, Math.max(0, width - 260)),
            top: MARGIN.top + band * hover,
          }}
        >
          <div className="chart-tooltip-row">
            <span className="chart-tooltip-name">{hovered.name}</span>
            <span className="chart-tooltip-value">{formatUnit(hovered.value, unit)}</span>
          </div>
        </div>
      )}
    </div>
  );
});
