// Past queries (kept by the core in the data folder), newest first, with a search box. Picking
// one puts it in the editor and runs it.
import { formatLocalDateTime } from '../../lib/format';
import { useExploreStore } from '../../stores/explore';

export function QueryHistoryList({ onPick }: { onPick: (query: string) => void }) {
  const history = useExploreStore((s) => s.history);
  const search = useExploreStore((s) => s.historySearch);
  const warnings = useExploreStore((s) => s.historyWarnings);
  const { searchHistory } = useExploreStore.getState();
  return (
    <aside className="explore-history" aria-label="Query history" data-testid="explore-history">
      <h2 className="explore-history-title">History</h2>
      {warnings.length > 0 && (
        <div
          className="banner banner-warn small"
          role="alert"
          data-testid="explore-history-warnings"
        >
          {warnings.map((w) => (
            <div key={w}>{w}</div>
          ))}
        </div>
      )}
      <input
        type="search"
        className="input"
        placeholder="Search past queries"
        value={search}
        onChange={(e) => void searchHistory(e.target.value)}
        data-testid="explore-history-search"
      />
      {history.length === 0 && (
        <div className="muted small">{search ? 'No past query matches.' : 'No queries yet.'}</div>
      )}
      <ul className="explore-history-list">
        {history.map((entry) => (
          <li key={entry.query}>
            <button
              type="button"
              className="explore-history-item mono"
              title={`last run ${formatLocalDateTime(entry.lastRunAt)}`}
              onClick={() => onPick(entry.query)}
              data-testid="explore-history-item"
            >
              {entry.query}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
