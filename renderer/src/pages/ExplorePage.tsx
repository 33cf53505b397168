// Explore: a PromQL editor with completion from the running Prometheus, the answer as a graph
// (the dashboard's chart code) and as a table, range and resolution, Prometheus's own error
// message, and the query history. The query and range are kept in the URL (useExploreUrl); the
// tabs, range and resolution row is ExploreControls.
import { useEffect, useId, useLayoutEffect, useMemo, useState } from 'react';
import { getApi } from '../api/console-api';
import { EXPLORE_PROBE_KEY, notePanelCommitted } from '../bench-probe/paint-timing';
import { ErrorNotice } from '../components/ErrorNotice';
import { Icon } from '../components/Icon';
import { PromqlEditor } from '../components/PromqlEditor';
import { seriesSummary } from '../lib/chart-summary';
import { EXPLORE_MAX_SERIES, shownTable, tableSize } from '../lib/explore-result';
import { exploreHash, parseExploreHash } from '../lib/explore-url';
import { lastValues } from '../lib/prom-rows';
import { zoomSpan } from '../lib/zoom';
import { ChartLegend } from '../panels/ChartLegend';
import { TimeseriesChart } from '../panels/TimeseriesChart';
import { useHiddenSeries } from '../panels/useHiddenSeries';
import { useExploreStore } from '../stores/explore';
import { useSettingsStore } from '../stores/settings';
import { ExploreControls, type ExploreTab } from './explore/ExploreControls';
import { ExploreTable } from './explore/ExploreTable';
import { QueryHistoryList } from './explore/QueryHistoryList';

const CHART_HEIGHT = 320;

function TruncatedNote({ shown, total }: { shown: number; total: number }) {
  if (total <= shown) return null;
  return (
    <div className="panel-note small" data-testid="explore-truncated">
      Showing the first {shown} of {total} series; {total - shown} left out. Narrow the query (a
      label matcher, topk, sum by) to see the others.
    </div>
  );
}

const zoomTo = (fromMs: number, toMs: number): void =>
  useExploreStore.getState().setZoom(zoomSpan(fromMs, toMs));

function ExploreGraph() {
  const result = useExploreStore((s) => s.result);
  const chart = result?.chart ?? null;
  const keys = useMemo(() => chart?.series.map((s) => s.key) ?? [], [chart]);
  const [hidden, onToggle] = useHiddenSeries(keys);
  const latest = useMemo(() => (chart ? lastValues(chart) : []), [chart]);
  const summaryId = useId();
  useLayoutEffect(() => {
    if (chart) notePanelCommitted(EXPLORE_PROBE_KEY);
  }, [chart]);
  if (!result) return null;
  if (result.chartError)
    return <ErrorNotice error={result.chartError} compact testId="explore-graph-error" />;
  if (!chart || !chart.hasValues)
    return (
      <div className="muted explore-empty" data-testid="explore-graph-empty">
        Empty query result
      </div>
    );
  return (
    <div data-testid="explore-graph">
      <p id={summaryId} className="sr-only">
        {seriesSummary("The query's result over the range.", chart, latest, 'short')}
      </p>
      <TimeseriesChart
        data={chart}
        unit="short"
        window={result.window}
        hidden={hidden}
        height={CHART_HEIGHT}
        onZoom={zoomTo}
        label="Query result"
        describedBy={summaryId}
      />
      <ChartLegend
        series={chart.series}
        lastValues={latest}
        hidden={hidden}
        unit="short"
        onToggle={onToggle}
      />
      <TruncatedNote shown={chart.series.length} total={result.chartSeriesTotal} />
    </div>
  );
}

function ExploreResultTable() {
  const table = useExploreStore((s) => s.result?.table ?? null);
  const shown = useMemo(() => shownTable(table), [table]);
  if (!table || !shown) return null;
  return (
    <div className="table-wrap">
      <ExploreTable table={shown} />
      <TruncatedNote shown={tableSize(shown)} total={tableSize(table)} />
    </div>
  );
}

/**
 * The URL wins on arrival (a reload, a panel's "Explore" link); then it follows the page. The
 * query waits for the settings: its resolution follows the scrape interval, and run before they
 * load (right after a reload) it would take the default 15 s — a coarser graph, and on a young
 * stack an empty one. Settings that fail to load do not hold it back.
 */
function useExploreUrl(): void {
  const ranQuery = useExploreStore((s) => s.result?.query ?? null);
  const chosenRange = useExploreStore((s) => s.rangeMinutes);
  const { run, searchHistory } = useExploreStore.getState();
  const settingsLoaded = useSettingsStore((s) => s.view !== null || s.error !== null);
  useEffect(() => {
    const at = parseExploreHash(window.location.hash);
    if (at.rangeMinutes) useExploreStore.setState({ rangeMinutes: at.rangeMinutes });
    if (at.query && settingsLoaded) void run(at.query);
  }, [run, settingsLoaded]);
  useEffect(() => void searchHistory(''), [searchHistory]);
  useEffect(() => {
    if (ranQuery === null) return;
    window.history.replaceState(null, '', exploreHash(ranQuery, chosenRange));
  }, [ranQuery, chosenRange]);
}

export function ExplorePage() {
  const api = getApi();
  const draft = useExploreStore((s) => s.draft);
  const running = useExploreStore((s) => s.running);
  const error = useExploreStore((s) => s.error);
  const { setDraft, run } = useExploreStore.getState();
  const [tab, setTab] = useState<ExploreTab>('graph');
  useExploreUrl();

  return (
    <div className="page page-wide" data-testid="page-explore">
      <header className="page-header">
        <h1>Explore</h1>
      </header>
      <div className="explore-layout">
        <div className="explore-main">
          <div className="explore-query">
            <PromqlEditor api={api} value={draft} onChange={setDraft} onRun={(q) => void run(q)} />
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void run()}
              disabled={running || !draft.trim()}
              data-testid="explore-run"
            >
              <Icon name="play" /> {running ? 'Running…' : 'Run'}
            </button>
          </div>
          <ExploreControls tab={tab} onTab={setTab} />
          {error && <ErrorNotice error={error} testId="explore-error" />}
          {!error && (
            <section className="panel explore-result" aria-live="polite">
              <div className="panel-body">
                {tab === 'graph' ? <ExploreGraph /> : <ExploreResultTable />}
              </div>
            </section>
          )}
          <p className="muted small">
            At most {EXPLORE_MAX_SERIES} series are drawn or listed. Queries run against the stack's
            Prometheus through Peak Watch; nothing here can change it.
          </p>
        </div>
        <QueryHistoryList onPick={(q) => void run(q)} />
      </div>
    </div>
  );
}
