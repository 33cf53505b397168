// One dashboard panel: title with the variables filled in, "updated 4 s ago", the PromQL it ran
// (copyable), and a chart — or the reason there is none.
import { memo, useId, useLayoutEffect, useMemo, useState } from 'react';
import type { PanelDefinition } from '../../../shared/dashboard';
import type { AlertBand } from '../lib/alert-bands';
import type { PanelResult } from '../stores/dashboard';
import { interpolateQuery } from '../../../shared/interpolate';
import { barSummary, heatmapSummary, seriesSummary } from '../lib/chart-summary';
import { explainEmptyPanel } from '../lib/empty-panel';
import { zoomSpan } from '../lib/zoom';
import { lastValues } from '../lib/prom-rows';
import { notePanelCommitted } from '../bench-probe/paint-timing';
import {
  useDashboardStore,
  useHasTraffic,
  useIsFiltered,
  usePanelAlertBands,
  usePanelResult,
} from '../stores/dashboard';
import { useInstrumentationEnabled } from '../stores/server';
import { useAppJob, useAppTarget } from '../stores/targets';
import { AlertLegend } from './AlertLegend';
import { BarPanelChart } from './BarPanelChart';
import { ChartLegend } from './ChartLegend';
import { HeatmapChart } from './HeatmapChart';
import { ExemplarSelectorContext } from './ExemplarDots';
import { exemplarSelector } from '../lib/exemplars';
import { PanelExplanation } from './PanelExplanation';
import { PanelHeader } from './PanelHeader';
import { TimeseriesChart } from './TimeseriesChart';
import { useHiddenSeries } from './useHiddenSeries';

/** The latency panels whose charts show exemplar dots (issue 22). */
const EXEMPLAR_PANELS: readonly string[] = ['latency_heatmap', 'latency_quantiles'];

const CHART_HEIGHT = 220;
/** Twelve bucket rows and their labels need more room than a line chart. */
const HEATMAP_HEIGHT = 300;

/** Every timeseries panel zooms the whole dashboard, as in Grafana. */
const zoomTo = (fromMs: number, toMs: number): void =>
  useDashboardStore.getState().setZoom(zoomSpan(fromMs, toMs));

export const PanelCard = memo(function PanelCard({ panel }: { panel: PanelDefinition }) {
  const result = usePanelResult(panel.key);
  const values = useDashboardStore((s) => s.values);
  const [showQuery, setShowQuery] = useState(false);
  useLayoutEffect(() => {
    if (result) notePanelCommitted(panel.key);
  }, [result, panel.key]);

  const title = useMemo(() => interpolateQuery(panel.title, values), [panel.title, values]);
  const query = result?.query ?? interpolateQuery(panel.expr, values);
  const reason = usePanelReason(panel, result);
  const chart = result?.chart ?? null;
  const keys = useMemo(() => chart?.series.map((s) => s.key) ?? [], [chart]);
  // Here, not in the chart: what a person hid stays hidden while the panel explains a gap.
  const [hidden, onToggle] = useHiddenSeries(keys);
  const infinite = chart?.infinite ?? result?.bars?.infinite ?? 0;
  // The chart's text alternative: a screen reader meets it in the page and hears it with the
  // focused chart (aria-describedby); sighted users read the same from the legend and the axes.
  const summaryId = useId();

  return (
    <section
      className={panel.gridPos.w === 24 ? 'panel panel-wide' : 'panel'}
      data-testid={`panel-${panel.key}`}
      aria-label={title}
    >
      <PanelHeader
        title={title}
        description={panel.description}
        updatedAt={result?.updatedAt ?? null}
        query={query}
        showQuery={showQuery}
        onShowQuery={setShowQuery}
      />
      <div className="panel-body">
        {!result && (
          <div className="panel-loading" style={{ height: CHART_HEIGHT }}>
            <span className="spinner" />
          </div>
        )}
        {reason && <PanelExplanation reason={reason} height={CHART_HEIGHT} />}
        {!reason && result && (
          <PanelCharts
            panel={panel}
            result={result}
            hidden={hidden}
            onToggle={onToggle}
            title={title}
            summaryId={summaryId}
          />
        )}
        {!reason && infinite > 0 && (
          <div className="panel-note small" data-testid="panel-infinite-note">
            {infinite} {infinite === 1 ? 'value was' : 'values were'} +Inf (slower than the largest
            bucket) and
            {infinite === 1 ? ' is' : ' are'} not drawn.
          </div>
        )}
      </div>
    </section>
  );
});

/** Why the panel draws nothing (lib/empty-panel.ts), or null when it has something to draw. */
function usePanelReason(panel: PanelDefinition, result: PanelResult | undefined) {
  const values = useDashboardStore((s) => s.values);
  const enabled = useInstrumentationEnabled();
  const target = useAppTarget();
  const job = useAppJob();
  const hasTraffic = useHasTraffic();
  const filtered = useIsFiltered();
  if (!result) return null;
  const { chart, bars, heatmap } = result;
  const hasValues = chart
    ? chart.hasValues
    : bars
      ? bars.rows.length > 0
      : heatmap
        ? heatmap.rates.max > 0
        : false;
  return explainEmptyPanel({
    panelKey: panel.key,
    job,
    error: result.error,
    hasValues,
    instrumentationEnabled: enabled,
    target,
    hasTraffic,
    filtered,
    statusClass: values.status_class[0] ?? '',
  });
}

interface ChartsProps {
  panel: PanelDefinition;
  result: PanelResult;
  hidden: ReadonlySet<string>;
  onToggle: (key: string, isolate: boolean) => void;
  title: string;
  summaryId: string;
}

/** The panel's chart (timeseries with its legends, heatmap or bars) and its text summary. */
function PanelCharts({ panel, result, hidden, onToggle, title, summaryId }: ChartsProps) {
  const alertBands = usePanelAlertBands(panel.key);
  const { chart, bars, heatmap } = result;
  const latest = useMemo(() => (chart ? lastValues(chart) : []), [chart]);
  const summary = useMemo(
    () =>
      chart
        ? seriesSummary(panel.description, chart, latest, panel.unit)
        : bars
          ? barSummary(panel.description, bars, panel.unit)
          : heatmap
            ? heatmapSummary(panel.description, heatmap)
            : null,
    [chart, bars, heatmap, latest, panel.description, panel.unit],
  );
  const exemplars = EXEMPLAR_PANELS.includes(panel.key) ? exemplarSelector(result.query) : null;
  return (
    <ExemplarSelectorContext.Provider value={exemplars}>
      {summary && (
        <p id={summaryId} className="sr-only" data-testid="panel-summary">
          {summary}
        </p>
      )}
      {chart && (
        <TimeseriesPanel
          chart={chart}
          result={result}
          unit={panel.unit}
          hidden={hidden}
          onToggle={onToggle}
          latest={latest}
          alertBands={alertBands}
          title={title}
          summaryId={summaryId}
        />
      )}
      {heatmap && (
        <HeatmapChart
          data={heatmap}
          window={result.window}
          spanSeconds={result.spanSeconds}
          height={HEATMAP_HEIGHT}
          onZoom={zoomTo}
          label={title}
          describedBy={summaryId}
        />
      )}
      {bars && (
        <BarPanelChart
          data={bars}
          unit={panel.unit}
          height={Math.max(CHART_HEIGHT, bars.rows.length * 24 + 30)}
          label={title}
          describedBy={summaryId}
        />
      )}
    </ExemplarSelectorContext.Provider>
  );
}

interface TimeseriesPanelProps {
  chart: NonNullable<PanelResult['chart']>;
  result: PanelResult;
  unit: PanelDefinition['unit'];
  hidden: ReadonlySet<string>;
  onToggle: (key: string, isolate: boolean) => void;
  latest: ReturnType<typeof lastValues>;
  alertBands: readonly AlertBand[];
  title: string;
  summaryId: string;
}

function TimeseriesPanel(p: TimeseriesPanelProps) {
  return (
    <>
      <TimeseriesChart
        data={p.chart}
        unit={p.unit}
        window={p.result.window}
        spanSeconds={p.result.spanSeconds}
        hidden={p.hidden}
        height={CHART_HEIGHT}
        alertBands={p.alertBands}
        onZoom={zoomTo}
        label={p.title}
        describedBy={p.summaryId}
        live
      />
      <AlertLegend bands={p.alertBands} />
      <ChartLegend
        series={p.chart.series}
        lastValues={p.latest}
        hidden={p.hidden}
        unit={p.unit}
        onToggle={p.onToggle}
      />
    </>
  );
}
