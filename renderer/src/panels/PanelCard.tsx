// One dashboard panel: title with the variables filled in, "updated 4 s ago", the PromQL it ran
// (copyable), and a chart — or the reason there is none.
import { memo, useCallback, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { PanelDefinition } from '../../../shared/dashboard';
import { interpolateQuery } from '../../../shared/interpolate';
import { copyToClipboard } from '../api/actions';
import { Icon } from '../components/Icon';
import { RelativeTime } from '../components/RelativeTime';
import { barSummary, heatmapSummary, seriesSummary } from '../lib/chart-summary';
import { explainEmptyPanel } from '../lib/empty-panel';
import { exploreHash } from '../lib/explore-url';
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
import { PanelExplanation } from './PanelExplanation';
import { TimeseriesChart } from './TimeseriesChart';
import { useHiddenSeries } from './useHiddenSeries';

const CHART_HEIGHT = 220;
/** Twelve bucket rows and their labels need more room than a line chart. */
const HEATMAP_HEIGHT = 300;

/** Every timeseries panel zooms the whole dashboard, as in Grafana. */
const zoomTo = (fromMs: number, toMs: number): void =>
  useDashboardStore.getState().setZoom(zoomSpan(fromMs, toMs));

export const PanelCard = memo(function PanelCard({ panel }: { panel: PanelDefinition }) {
  const result = usePanelResult(panel.key);
  const alertBands = usePanelAlertBands(panel.key);
  const values = useDashboardStore((s) => s.values);
  const enabled = useInstrumentationEnabled();
  const target = useAppTarget();
  const job = useAppJob();
  const hasTraffic = useHasTraffic();
  const filtered = useIsFiltered();
  const [showQuery, setShowQuery] = useState(false);
  const [hidden, toggleHidden] = useHiddenSeries();
  useLayoutEffect(() => {
    if (result) notePanelCommitted(panel.key);
  }, [result, panel.key]);

  const title = useMemo(() => interpolateQuery(panel.title, values), [panel.title, values]);
  const query = result?.query ?? interpolateQuery(panel.expr, values);
  const chart = result?.chart ?? null;
  const bars = result?.bars ?? null;
  const heatmap = result?.heatmap ?? null;
  const hasValues = chart
    ? chart.hasValues
    : bars
      ? bars.rows.length > 0
      : heatmap
        ? heatmap.rates.max > 0
        : false;

  const keys = useMemo(() => chart?.series.map((s) => s.key) ?? [], [chart]);
  const latest = useMemo(() => (chart ? lastValues(chart) : []), [chart]);
  // Stable across refreshes, so the legend's entries need not re-render for a new callback.
  const keysNow = useRef(keys);
  useLayoutEffect(() => {
    keysNow.current = keys;
  }, [keys]);
  const onToggle = useCallback(
    (key: string, isolate: boolean) => toggleHidden(key, isolate, keysNow.current),
    [toggleHidden],
  );

  const reason = result
    ? explainEmptyPanel({
        panelKey: panel.key,
        job,
        error: result.error,
        hasValues,
        instrumentationEnabled: enabled,
        target,
        hasTraffic,
        filtered,
        statusClass: values.status_class[0] ?? '',
      })
    : null;
  const infinite = chart?.infinite ?? bars?.infinite ?? 0;
  // The chart's text alternative: a screen reader meets it in the page and hears it with the
  // focused chart (aria-describedby); sighted users read the same from the legend and the axes.
  const summaryId = useId();
  const explained = reason !== null;
  const summary = useMemo(
    () =>
      explained
        ? null
        : chart
          ? seriesSummary(panel.description, chart, latest, panel.unit)
          : bars
            ? barSummary(panel.description, bars, panel.unit)
            : heatmap
              ? heatmapSummary(panel.description, heatmap)
              : null,
    [explained, chart, bars, heatmap, latest, panel.description, panel.unit],
  );

  async function copyQuery(): Promise<void> {
    await copyToClipboard(query, 'PromQL query');
  }

  return (
    <section
      className={panel.gridPos.w === 24 ? 'panel panel-wide' : 'panel'}
      data-testid={`panel-${panel.key}`}
      aria-label={title}
    >
      <header className="panel-header">
        <h2 className="panel-title" title={panel.description} data-testid="panel-title">
          {title}
        </h2>
        <span className="panel-updated muted small" data-testid="panel-updated">
          {result ? <RelativeTime time={result.updatedAt} prefix="updated " /> : 'loading…'}
        </span>
        <button
          type="button"
          className={`btn btn-ghost btn-small${showQuery ? ' btn-active' : ''}`}
          aria-pressed={showQuery}
          onClick={() => setShowQuery(!showQuery)}
          data-testid="panel-promql-toggle"
        >
          <Icon name="code" /> PromQL
        </button>
        <a
          className="btn btn-ghost btn-small"
          href={exploreHash(query)}
          title="Open this query in Explore"
          data-testid="panel-explore"
        >
          <Icon name="explore" /> Explore
        </a>
      </header>
      {showQuery && (
        <div className="promql" data-testid="panel-promql">
          <code>{query}</code>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => void copyQuery()}
            aria-label="Copy query"
          >
            <Icon name="copy" />
          </button>
        </div>
      )}
      <div className="panel-body">
        {summary && (
          <p id={summaryId} className="sr-only" data-testid="panel-summary">
            {summary}
          </p>
        )}
        {!result && (
          <div className="panel-loading" style={{ height: CHART_HEIGHT }}>
            <span className="spinner" />
          </div>
        )}
        {reason && <PanelExplanation reason={reason} height={CHART_HEIGHT} />}
        {!reason && chart && result && (
          <>
            <TimeseriesChart
              data={chart}
              unit={panel.unit}
              window={result.window}
              spanSeconds={result.spanSeconds}
              hidden={hidden}
              height={CHART_HEIGHT}
              alertBands={alertBands}
              onZoom={zoomTo}
              label={title}
              describedBy={summaryId}
            />
            <AlertLegend bands={alertBands} />
            <ChartLegend
              series={chart.series}
              lastValues={latest}
              hidden={hidden}
              unit={panel.unit}
              onToggle={onToggle}
            />
          </>
        )}
        {!reason && heatmap && result && (
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
        {!reason && bars && (
          <BarPanelChart
            data={bars}
            unit={panel.unit}
            height={Math.max(CHART_HEIGHT, bars.rows.length * 24 + 30)}
            label={title}
            describedBy={summaryId}
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
