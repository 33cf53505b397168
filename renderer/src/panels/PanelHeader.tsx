// A panel's header row: its title, "updated 4 s ago", the PromQL toggle with the query it ran
// (copyable) and a link to Explore. Apart from PanelCard so the card file holds the card's
// layout and its choice of chart, and this the controls a person reads and clicks above it.
import { copyToClipboard } from '../api/actions';
import { Icon } from '../components/Icon';
import { RelativeTime } from '../components/RelativeTime';
import { exploreHash } from '../lib/explore-url';

interface HeaderProps {
  title: string;
  description: string;
  updatedAt: number | null;
  query: string;
  showQuery: boolean;
  onShowQuery: (show: boolean) => void;
}

/** Title, "updated 4 s ago", the PromQL toggle (and the query, copyable) and Explore. */
export function PanelHeader({
  title,
  description,
  updatedAt,
  query,
  showQuery,
  onShowQuery,
}: HeaderProps) {
  return (
    <>
      <header className="panel-header">
        <h2 className="panel-title" title={description} data-testid="panel-title">
          {title}
        </h2>
        <span className="panel-updated muted small" data-testid="panel-updated">
          {updatedAt !== null ? <RelativeTime time={updatedAt} prefix="updated " /> : 'loading…'}
        </span>
        <button
          type="button"
          className={`btn btn-ghost btn-small${showQuery ? ' btn-active' : ''}`}
          aria-pressed={showQuery}
          onClick={() => onShowQuery(!showQuery)}
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
            onClick={() => void copyToClipboard(query, 'PromQL query')}
            aria-label="Copy query"
          >
            <Icon name="copy" />
          </button>
        </div>
      )}
    </>
  );
}
