// Which side of the pointed-at spot a chart's tooltip goes (ChartHover, the heatmap's hover):
// right of it over the plot's left half, left of it over the right half, so it never runs off
// the plot. Pure: the hovers pass the spot and the host's width they read.
import type { PlotMapping } from './usePlotMapping';

/** Between the spot and the tooltip, in CSS px. */
export const TOOLTIP_GAP = 14;

/**
 * The tooltip's `left` or `right` (CSS px, in the host) for a spot spanning `left` … `right`
 * (a cursor line: both the same; a heatmap cell: its edges).
 */
export function tooltipSide(
  left: number,
  right: number,
  plot: PlotMapping['plot'],
  hostWidth: number,
): { left: number } | { right: number } {
  const onRight = left < plot.x + plot.width / 2;
  return onRight ? { left: right + TOOLTIP_GAP } : { right: hostWidth - left + TOOLTIP_GAP };
}
