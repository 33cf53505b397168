// "Why is this panel empty": the one decision behind every panel that has nothing to draw, so a
// person always reads a cause and a next step instead of an empty box.
import type { ConsoleErrorInfo, ScrapeTarget } from '../../../shared/api';
import type { PanelDefinition } from '../../../shared/dashboard';

export type EmptyAction = 'open-settings' | 'send-traffic' | 'start-stack' | 'open-targets';

export interface EmptyReason {
  kind:
    | 'query-failed'
    | 'prometheus-unreachable'
    | 'instrumentation-off'
    | 'target-missing'
    | 'target-down'
    | 'not-scraped'
    | 'no-matching-status'
    | 'no-match'
    | 'no-traffic';
  tone: 'error' | 'warn' | 'info' | 'ok';
  title: string;
  detail?: string;
  fix?: string;
  action?: EmptyAction;
}

export interface EmptyPanelInput {
  panelKey: PanelDefinition['key'];
  /** The job the source carries the app under (SourceStatus.job.effective). */
  job: string;
  /** The panel's own query failure (Prometheus's message). */
  error: ConsoleErrorInfo | null;
  hasValues: boolean;
  /** settings.server.enabled as the server reports it; null while unknown. */
  instrumentationEnabled: boolean | null;
  /** The app job's target; null when Prometheus has none; undefined when not known. */
  target: ScrapeTarget | null | undefined;
  /** Whether any request rate was above zero in the range (from the total RPS panel). */
  hasTraffic: boolean;
  /** Whether route or method are narrowed from All. */
  filtered: boolean;
  statusClass: string;
}

export const INSTRUMENTATION_OFF = "Instrumentation is off: turn on 'enabled' in Settings";

export function explainEmptyPanel(input: EmptyPanelInput): EmptyReason | null {
  if (input.error) return queryFailure(input.error);
  // Off means nothing new arrives: say so at once, even while the range still holds samples from
  // before (they would otherwise keep drawing a chart that silently stopped for up to the range).
  if (input.instrumentationEnabled === false) {
    return {
      kind: 'instrumentation-off',
      tone: 'warn',
      title: INSTRUMENTATION_OFF,
      detail: 'The peak_trade_http_* metrics are only recorded while instrumentation is on.',
      action: 'open-settings',
    };
  }
  if (input.hasValues) return null;
  return scrapeReason(input.target, input.job) ?? trafficReason(input);
}

function queryFailure(error: ConsoleErrorInfo): EmptyReason {
  const fix = error.fix ? { fix: error.fix } : {};
  if (error.code === 'prometheus-unreachable') {
    return {
      kind: 'prometheus-unreachable',
      tone: 'error',
      title: 'Prometheus is not reachable',
      detail: error.message,
      ...fix,
      action: 'start-stack',
    };
  }
  return {
    kind: 'query-failed',
    tone: 'error',
    title: 'The query failed',
    detail: error.message,
    ...fix,
  };
}

/** Whether Prometheus has the app's target and has scraped it. */
function scrapeReason(target: EmptyPanelInput['target'], job: string): EmptyReason | null {
  if (target === null) {
    return {
      kind: 'target-missing',
      tone: 'warn',
      title: `Prometheus does not scrape ${job}`,
      detail: `No ${job} target among Prometheus's active targets.`,
      fix: 'Restart the stack so Prometheus loads the generated scrape config.',
      action: 'open-targets',
    };
  }
  if (target?.health === 'down') {
    return {
      kind: 'target-down',
      tone: 'error',
      title: `Target is down: ${target.lastError || 'no error reported'}`,
      detail: `Prometheus cannot scrape ${target.scrapeUrl}.`,
      action: 'open-targets',
    };
  }
  if (target?.health === 'unknown') {
    return {
      kind: 'not-scraped',
      tone: 'info',
      title: `Prometheus has not scraped ${job} yet`,
      detail: 'The first scrape comes within one scrape interval.',
    };
  }
  return null;
}

/** Scraped but empty: traffic of another status class, a narrow filter, or no traffic at all. */
function trafficReason(input: EmptyPanelInput): EmptyReason {
  if (input.hasTraffic && input.panelKey === 'error_rate') {
    return {
      kind: 'no-matching-status',
      tone: 'ok',
      title: `No ${input.statusClass} responses in this range`,
      detail: 'Requests are flowing; none of them had a status in the chosen class.',
    };
  }
  if (input.hasTraffic && input.filtered) {
    return {
      kind: 'no-match',
      tone: 'info',
      title: 'No requests match the selected routes and methods',
      detail: 'Widen the Route or Method selection.',
    };
  }
  return {
    kind: 'no-traffic',
    tone: 'info',
    title: 'No traffic yet',
    detail:
      'No requests reached the embedded server in this range. A rate needs two scrapes after the first request.',
    action: 'send-traffic',
  };
}
