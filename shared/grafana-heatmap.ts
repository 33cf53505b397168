// The latency heatmap as a Grafana heatmap panel (Grafana 10.4 / 11 options). The target asks
// for `format: heatmap` with `{{le}}` legends: Grafana's Prometheus datasource then de-cumulates
// the buckets itself, as Peak Watch does in renderer/src/lib/heatmap.ts. Grafana's heatmap draws
// no line over its cells (grafana/grafana#11772), so the quantile Peak Watch draws there is a
// note in the description, with its query; the latency panel draws it per route.
import type { PanelDefinition } from './dashboard';

export function heatmapFieldDefaults(): Record<string, unknown> {
  return {
    custom: {
      hideFrom: { legend: false, tooltip: false, viz: false },
      scaleDistribution: { type: 'linear' },
    },
  };
}

export function heatmapOptions(): Record<string, unknown> {
  return {
    // The buckets come from Prometheus: Grafana must not bucket them again.
    calculate: false,
    // `le` labels are upper bounds.
    rowsFrame: { layout: 'le' },
    yAxis: { axisPlacement: 'left', unit: 's', reverse: false },
    cellValues: { unit: 'reqps' },
    cellGap: 1,
    // A square-root colour scale like Peak Watch's (lib/heatmap.ts colorBand).
    color: {
      mode: 'scheme',
      scheme: 'Viridis',
      fill: 'dark-orange',
      scale: 'exponential',
      exponent: 0.5,
      steps: 64,
      reverse: false,
    },
    // An empty bucket is not a cell.
    filterValues: { le: 1e-9 },
    showValue: 'never',
    legend: { show: true },
    tooltip: { mode: 'single', yHistogram: true, showColorScale: true },
    exemplars: { color: 'rgba(255,0,255,0.7)' },
  };
}

export function heatmapDescription(panel: PanelDefinition): string {
  if (!panel.overlay) return panel.description;
  return (
    `${panel.description} Grafana's heatmap draws no line over its cells: the ` +
    `${panel.overlay.legendFormat} line Peak Watch draws here is ${panel.overlay.expr}`
  );
}
