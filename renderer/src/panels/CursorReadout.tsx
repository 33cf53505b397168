// What a timeseries chart shows at its hover cursor (ChartHover): the dashed cursor line and a
// dot on each shown series over the lines' canvas, the tooltip with their values beside it, and
// — when the keys moved the cursor — the sample said in the chart's live region. Apart from
// ChartHover so the hover file holds the pointer and keys, and this what they point at. Not
// memo'd: it renders only with the hover, and its entries are new on each of those renders.
import { createPortal } from 'react-dom';
import type { PanelUnit } from '../../../shared/dashboard';
import { bandsAt, type AlertBand } from '../lib/alert-bands';
import { HoverMarks, SideTooltip } from './ChartFrame';
import { ChartTooltip } from './ChartTooltip';
import { AXIS_COLOR } from './colors';
import { sampleSentence, type HoverEntry } from './hover-entries';
import type { PlotMapping } from './usePlotMapping';

interface Props {
  /** The sample's time (ms) and the cursor line's x (px). */
  time: number;
  cursorX: number;
  entries: readonly HoverEntry[];
  plot: PlotMapping['plot'];
  unit: PanelUnit;
  alertBands: readonly AlertBand[];
  tooltipHost: HTMLElement | null;
  liveHost: HTMLElement | null;
  viaKeys: boolean;
}

export function CursorReadout({
  time,
  cursorX,
  entries,
  plot,
  unit,
  alertBands,
  tooltipHost,
  liveHost,
  viaKeys,
}: Props) {
  return (
    <>
      {/* Over the lines' canvas (SeriesLines, in the same host): the cursor and the dots on top. */}
      <HoverMarks host={tooltipHost}>
        <line
          x1={cursorX}
          x2={cursorX}
          y1={plot.y}
          y2={plot.y + plot.height}
          stroke={AXIS_COLOR}
          strokeDasharray="3 3"
        />
        {entries.map((e) => (
          <circle key={e.key} cx={cursorX} cy={e.y} r={3} fill={e.color} stroke="#0f1318" />
        ))}
      </HoverMarks>
      {tooltipHost && (
        <SideTooltip host={tooltipHost} plot={plot} left={cursorX} right={cursorX}>
          <ChartTooltip
            time={time}
            entries={entries}
            unit={unit}
            alerts={bandsAt(alertBands, time).map((b) => b.name)}
          />
        </SideTooltip>
      )}
      {viaKeys && liveHost && createPortal(sampleSentence(time, entries, unit), liveHost)}
    </>
  );
}
