// What the heatmap's layers draw from (HeatmapChart provides it, HeatmapLayers and its parts
// read it): passed through a context because recharts renders the layers inside its chart,
// where HeatmapChart cannot hand them props. Its own file so the layers' parts (HeatmapCells,
// HeatmapHover) import it without importing HeatmapLayers back.
import { createContext } from 'react';
import type { HeatmapData } from '../lib/heatmap-cells';

export interface HeatmapLayersState {
  data: HeatmapData;
  xDomain: readonly [number, number];
  /** 0 … number of rows: row r spans r … r + 1. */
  yDomain: readonly [number, number];
  timeTicks: readonly number[];
  withSeconds: boolean;
  tooltipHost: HTMLElement | null;
  /** A polite live region: the cell the keyboard cursor is on, read out by screen readers. */
  liveHost: HTMLElement | null;
  onZoom?: (fromMs: number, toMs: number) => void;
}

export const HeatmapLayersContext = createContext<HeatmapLayersState | null>(null);
