// What changes on every refresh of a timeseries panel — the time domain, the series, the time
// axis labels, the hover — reaches the chart through this context, not through the frame's
// props: the recharts chart, grid and value axis (ChartFrame.tsx) then re-render only with the
// size (a change of y scale reaches the axis's labels and grid lines through their own context,
// value-axis.tsx), and a refresh re-renders just these layers. (A recharts chart whose props
// change recomputes its whole state and renders twice; across five panels that was about half
// a refresh's work.) The series are recharts `<Line>`s or the canvas layer, by density.ts.
import { ExemplarDots } from './ExemplarDots';
import { createContext, useContext } from 'react';
import type { PanelUnit } from '../../../shared/dashboard';
import type { AlertBand } from '../lib/alert-bands';
import type { ChartData } from '../lib/prom-rows';
import { AlertMarks } from './AlertMarks';
import { TimeDomainAxis } from './ChartFrame';
import { ChartHover } from './ChartHover';
import type { SeriesRenderer } from './density';
import { SeriesLines } from './SeriesLines';
import { SvgSeries } from './SvgSeries';
import { TimeAxis } from './TimeAxis';

export interface PlotLayersState {
  data: ChartData;
  hidden: ReadonlySet<string>;
  /** Which layer draws the series (density.ts). */
  renderer: SeriesRenderer;
  unit: PanelUnit;
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  timeTicks: readonly number[];
  withSeconds: boolean;
  /** Where the tooltip goes: an element over the chart, outside the SVG. */
  tooltipHost: HTMLElement | null;
  /** A polite live region: what the keyboard cursor points at, read out by screen readers. */
  liveHost: HTMLElement | null;
  /** When this panel's alerts fired: bands under the lines, named by the hover. */
  alertBands: readonly AlertBand[];
  /** Drag to zoom (see ChartHover). */
  onZoom?: (fromMs: number, toMs: number) => void;
}

export const PlotLayersContext = createContext<PlotLayersState | null>(null);

/** Rendered inside the recharts chart (ChartFrame's `Layers`), so the layers can use its scales. */
export function PlotLayers() {
  const state = useContext(PlotLayersContext);
  if (!state) return null;
  const {
    data,
    hidden,
    renderer,
    unit,
    xDomain,
    yDomain,
    timeTicks,
    withSeconds,
    tooltipHost,
    liveHost,
    alertBands,
    onZoom,
  } = state;
  return (
    <>
      <TimeDomainAxis />
      <AlertMarks bands={alertBands} xDomain={xDomain} yDomain={yDomain} />
      {renderer === 'svg' ? (
        <SvgSeries data={data} hidden={hidden} yDomain={yDomain} />
      ) : (
        <SeriesLines
          data={data}
          hidden={hidden}
          xDomain={xDomain}
          yDomain={yDomain}
          host={tooltipHost}
        />
      )}
      <TimeAxis ticks={timeTicks} withSeconds={withSeconds} xDomain={xDomain} yDomain={yDomain} />
      <ChartHover
        data={data}
        hidden={hidden}
        unit={unit}
        xDomain={xDomain}
        yDomain={yDomain}
        tooltipHost={tooltipHost}
        liveHost={liveHost}
        alertBands={alertBands}
        onZoom={onZoom}
      />
      <ExemplarDots xDomain={xDomain} yDomain={yDomain} toY={seconds} />
    </>
  );
}

/** A timeseries latency panel's y axis is the exemplar's own value. */
const seconds = (v: number) => v;
