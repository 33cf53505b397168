// One dashboard panel: title with the variables filled in, "updated 4 s ago", the PromQL it ran
// (copyable), and a chart — or the reason there is none.
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { PanelDefinition } from '../../../shared/dashboard';
import { interpolateQuery } from '../../../shared/interpolate';
import { copyToClipboard } from '../api/actions';
import { Icon } from '../components/Icon';
import { RelativeTime } from '../components/RelativeTime';
import { explainEmptyPanel } from '../lib/empty-panel';
import { lastValues } from '../lib/prom-rows';
import { notePanelCommitted } from '../bench-probe/paint-timing';
import {
  useDashboardStore,
  useHasTraffic,
  useIsFiltered,
  usePanelResult,
} from '../stores/dashboard';
import { useInstrumentationEnabled } from '../stores/server';
import { useAppTarget } from '../stores/targets';
import { BarPanelChart } from './BarPanelChart';
import { ChartLegend } from './ChartLegend';
import { PanelExplanation } from './PanelExplanation';
import { TimeseriesChart } from './TimeseriesChart';

const CHART_HEIGHT = 220;

function useHiddenSeries(): [
  ReadonlySet<string>,
  (key: string, isolate: boolean, all: readonly string[]) => void,
] {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((key: string, isolate: boolean, all: readonly string[]) => {
    setHidden((prev) => {
      if (isolate) {
        const onlyThis = all.every((k) => k === key || prev.has(k)) && !prev.has(key);
        return onlyThis ? new Set() : new Set(all.filter((k) => k !== key));
      }
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);
  return [hidden, toggle];
}

export const PanelCard = memo(function PanelCard({ panel }: { panel: PanelDefinition }) {
  const result = usePanelResult(panel.key);
  const values = useDashboardStore((s) => s.values);
  const enabled = useInstrumentationEnabled();
  const target = useAppTarget();
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
  const hasValues = chart ? chart.hasValues : bars ? bars.rows.length > 0 : false;

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

  async function copyQuery(): Promise<void> {
    await copyToClipboard(query, 'PromQL query');
  }

  return (
    <section className="panel" data-testid={`panel-${panel.key}`} aria-label={title}>
      <header className="panel-header">
        <h3 className="panel-title" title={panel.description} data-testid="panel-title">
          {title}
        </h3>
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
              hidden={hidden}
              height={CHART_HEIGHT}
            />
            <ChartLegend
              series={chart.series}
              lastValues={latest}
              hidden={hidden}
              unit={panel.unit}
              onToggle={onToggle}
            />
          </>
        )}
        {!reason && bars && (
          <BarPanelChart
            data={bars}
            unit={panel.unit}
            height={Math.max(CHART_HEIGHT, bars.rows.length * 24 + 30)}
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
