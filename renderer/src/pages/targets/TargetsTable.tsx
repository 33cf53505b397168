// The Targets page's table: one row group per job (the app's job first, lib/targets.ts groups
// them), one row per target with its health, last scrape, duration and error, and a line saying
// why the table is empty.
import type { ScrapeTarget } from '../../../../shared/api';
import { Pill } from '../../components/Pill';
import { RelativeTime } from '../../components/RelativeTime';
import { formatScrapeDuration } from '../../lib/format';
import type { HealthFilter, TargetGroup } from '../../lib/targets';

interface Props {
  /** Every target the source lists (the empty line tells "none" from "none matches"). */
  targets: readonly ScrapeTarget[];
  groups: readonly TargetGroup[];
  appJob: string;
  filter: HealthFilter;
  /** A source the person named, not Peak Watch's own Prometheus. */
  existing: boolean;
}

export function TargetsTable({ targets, groups, appJob, filter, existing }: Props) {
  return (
    <div className="table-wrap">
      <table className="table targets-table" data-testid="targets-table">
        <thead>
          <tr>
            <th>Job</th>
            <th>Endpoint</th>
            <th>State</th>
            <th>Last scrape</th>
            <th className="right">Duration</th>
            <th>Error</th>
          </tr>
        </thead>
        {groups.map((g) => (
          <TargetGroupRows key={g.job} group={g} appJob={appJob} />
        ))}
        {groups.length === 0 && (
          <tbody>
            <tr>
              <td colSpan={6} className="empty-row" data-testid="targets-empty">
                {emptyLine(targets.length === 0, existing, filter)}
              </td>
            </tr>
          </tbody>
        )}
      </table>
    </div>
  );
}

function emptyLine(noTargets: boolean, existing: boolean, filter: HealthFilter): string {
  if (!noTargets) return `No target is ${filter}.`;
  return existing
    ? 'The source has no active targets: whatever writes to it scrapes elsewhere.'
    : 'Prometheus has no active targets. Start the stack, or check the scrape config.';
}

function TargetGroupRows({ group: g, appJob }: { group: TargetGroup; appJob: string }) {
  return (
    <tbody data-testid="targets-group" data-job={g.job}>
      <tr className="targets-group-header">
        <th colSpan={6} scope="rowgroup" data-testid="targets-group-title">
          <span className="mono">{g.job}</span>{' '}
          <span className="muted small">
            ({g.up}/{g.targets.length} up{g.job === appJob ? ' · the app' : ''})
          </span>
        </th>
      </tr>
      {g.targets.map((t) => (
        <TargetRow key={`${t.job}|${t.scrapeUrl}`} target={t} />
      ))}
    </tbody>
  );
}

function TargetRow({ target: t }: { target: ScrapeTarget }) {
  return (
    <tr data-testid="target-row" data-job={t.job} data-health={t.health}>
      <td className="mono">{t.job}</td>
      <td>
        <div className="mono">{t.scrapeUrl}</div>
        <div className="muted small">{t.instance}</div>
      </td>
      <td>
        <Pill
          tone={t.health === 'up' ? 'ok' : t.health === 'down' ? 'error' : 'muted'}
          testId="target-health-pill"
        >
          {t.health.toUpperCase()}
        </Pill>
      </td>
      <td>
        <RelativeTime time={t.lastScrape} />
      </td>
      <td className="right mono">{formatScrapeDuration(t.lastScrapeDurationSeconds)}</td>
      <td className="target-error-cell" data-testid="target-last-error">
        {t.lastError}
      </td>
    </tr>
  );
}
