// The Alerts page with an existing source (docs/SOURCES.md): the source's own alerting rules,
// read-only (they are its administrator's), and — while our rules are not loaded there — the
// way to load them (`peak-watch alerts export`, a promtool-clean rule file). A source without a
// rules API shows the core's note once; our rules' backtest still works, it is only queries.
import type { AlertState, SourceAlerting } from '../../../../shared/api';
import { Pill, type Tone } from '../../components/Pill';

const TONE: Record<AlertState, Tone> = { firing: 'error', pending: 'warn', inactive: 'ok' };

/** Shown while our rules are not loaded on the source: how to load them. */
function NotLoadedCallout({ url }: { url: string }) {
  return (
    <div className="callout callout-info" data-testid="alerts-not-loaded-callout">
      <div className="callout-label">Not loaded</div>
      <div className="callout-body">
        <div className="callout-title">
          Our alert rules are not loaded there — {url} evaluates only its own
        </div>
        <div className="callout-detail">
          Export them and add the file to its <span className="mono">rule_files</span> (or to
          vmalert):{' '}
          <code className="mono" data-testid="alerts-export-command">
            peak-watch alerts export &gt; peak-watch-rules.yml
          </code>
          . Until then their states below are unknown; each rule&apos;s backtest still runs against
          the source.
        </div>
      </div>
    </div>
  );
}

/** The source's rules as a table: group, rule, state (or its error), query. */
function SourceRulesTable({ rules }: { rules: NonNullable<SourceAlerting['rules']> }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="source-rules-table">
        <thead>
          <tr>
            <th>Group</th>
            <th>Rule</th>
            <th>State</th>
            <th>Query</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr
              key={`${r.group}|${r.name}`}
              data-testid="source-rule"
              data-rule={r.name}
              data-state={r.state}
            >
              <td className="mono">{r.group}</td>
              <td>
                <div className="mono">{r.name}</div>
                {r.summary && <div className="muted small">{r.summary}</div>}
              </td>
              <td>
                <Pill tone={r.health === 'err' ? 'error' : TONE[r.state]}>
                  {r.health === 'err' ? 'ERROR' : r.state.toUpperCase()}
                  {r.active > 1 ? ` (${r.active})` : ''}
                </Pill>
                {r.lastError && <div className="small text-error">{r.lastError}</div>}
              </td>
              <td className="mono small">{r.query}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SourceRules({ source }: { source: SourceAlerting }) {
  return (
    <>
      {!source.oursLoaded && <NotLoadedCallout url={source.url} />}

      <section className="card" data-testid="source-rules" aria-labelledby="source-rules-title">
        <header className="card-header">
          <h2 className="card-title" id="source-rules-title">
            The source&apos;s own rules
          </h2>
          <span className="muted small">read-only · from {source.url}/api/v1/rules</span>
        </header>
        <div className="card-body">
          {source.rules === null ? (
            <div className="notice notice-warn" role="note" data-testid="source-rules-unavailable">
              <div className="notice-body">
                {source.note ?? 'The source did not answer for its rules; see the notice below.'}
              </div>
            </div>
          ) : source.rules.length === 0 ? (
            <div className="muted" data-testid="source-rules-empty">
              The source evaluates no alerting rules of its own.
            </div>
          ) : (
            <SourceRulesTable rules={source.rules} />
          )}
        </div>
      </section>
    </>
  );
}
