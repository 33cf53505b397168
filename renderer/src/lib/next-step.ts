// The Overview's "Next step" callout: the single most useful thing to do, given everything the
// console knows. Ordered from the cause furthest upstream (no server) to the last (no traffic).
import type {
  AlertRuleStatus,
  ConsoleErrorInfo,
  ScrapeTarget,
  ServerStatus,
  SourceStatus,
  StackStatus,
} from '../../../shared/api';

export type NextAction =
  | 'start-stack'
  | 'use-native-runtime'
  | 'open-settings'
  | 'open-preflight'
  | 'open-targets'
  | 'open-dashboard'
  | 'open-alerts'
  | 'send-traffic';

export interface NextStep {
  tone: 'ok' | 'info' | 'warn' | 'error';
  title: string;
  detail?: string;
  action?: NextAction;
}

export interface NextStepInput {
  server: ServerStatus | null;
  /** Its `canStart` is the core's verdict on Start; nothing here second-guesses it. */
  stack: StackStatus | null;
  /** The job the source carries the app under (SourceStatus.job.effective). */
  job: string;
  /** That job's target; null when Prometheus has none; undefined when not known. */
  target: ScrapeTarget | null | undefined;
  targetsError: ConsoleErrorInfo | null;
  /** Alert rules as the core last reported them (firing ones are named first). */
  alerts?: readonly AlertRuleStatus[] | null;
  /** An existing source replaces the stack's steps with its own health (docs/SOURCES.md). */
  source?: SourceStatus | null;
}

/** With an existing source the stack is not what feeds the pages: its health is the step. */
function existingSourceStep(
  source: SourceStatus,
  target: ScrapeTarget | null | undefined,
): NextStep {
  if (source.health !== 'up') {
    return {
      tone: 'error',
      title: `The source ${source.url} is not usable: ${source.error?.message ?? source.health}`,
      ...(source.error?.fix ? { detail: source.error.fix } : {}),
      action: 'open-settings',
    };
  }
  if (!source.job.effective) {
    return {
      tone: 'warn',
      title: 'The source carries no peak_trade_* metrics',
      detail: `${source.job.note} Name the app's job in Settings → Source.`,
      action: 'open-settings',
    };
  }
  if (target?.health === 'down') {
    return {
      tone: 'error',
      title: `Target is down: ${target.lastError || 'no error reported'}`,
      action: 'open-targets',
    };
  }
  return {
    tone: 'ok',
    title: `Reading ${source.url} (job ${source.job.effective})`,
    detail: 'Watch it on the Dashboard; Explore and Alerts ask the same source.',
    action: 'open-dashboard',
  };
}

export function nextStep(input: NextStepInput): NextStep | null {
  const { server, stack, source } = input;
  if (!server || !stack) return null;
  // A firing alert is what a person needs first: it names what broke and how to fix it.
  const firing = firingAlertStep(input.alerts);
  if (firing) return firing;
  if (source?.kind === 'existing') return existingSourceStep(source, input.target);
  return (
    serverStep(server) ??
    stackStep(stack) ??
    instrumentationStep(server) ??
    scrapeStep(input) ?? {
      tone: 'ok',
      title: 'Metrics are flowing',
      detail: 'Watch them on the Dashboard, or send test traffic to see the panels move.',
      action: 'open-dashboard',
    }
  );
}

/** The firing alert to name: a critical one before any other. */
function firingAlertStep(alerts: NextStepInput['alerts']): NextStep | null {
  const firing =
    alerts?.find((r) => r.state === 'firing' && r.severity === 'critical') ??
    alerts?.find((r) => r.state === 'firing');
  if (!firing) return null;
  const summary = firing.alerts.find((a) => a.state === 'firing')?.annotations.summary;
  return {
    tone: 'error',
    title: `${firing.name} is firing${summary ? ` — ${summary}` : ''}`,
    detail: firing.fix,
    action: 'open-alerts',
  };
}

function serverStep(server: ServerStatus): NextStep | null {
  if (server.listening) return null;
  return {
    tone: 'error',
    title: 'The embedded server is not listening',
    detail: server.error ?? 'No reason was given.',
    action: 'open-settings',
  };
}

/** Busy, or Prometheus not running: what Start would do, or why it cannot. */
function stackStep(stack: StackStatus): NextStep | null {
  if (stack.busy) return { tone: 'info', title: `The stack is ${stack.busy}…` };
  const prometheus = stack.services.find((s) => s.name === 'prometheus');
  if (prometheus?.state === 'running') return null;
  const gate = stack.canStart;
  if (!gate.ok && gate.nativeAvailable) {
    return {
      tone: 'warn',
      title: `Docker cannot run the stack — use the native runtime (a prometheus binary is installed)`,
      detail: gate.reason ?? undefined,
      action: 'use-native-runtime',
    };
  }
  if (!gate.ok) {
    return {
      tone: 'error',
      title: `The stack cannot start — ${gate.reason ?? 'no reason given'}`,
      ...(gate.fix ? { detail: gate.fix } : {}),
      action: 'open-preflight',
    };
  }
  return {
    tone: 'warn',
    title: 'Prometheus is not running — Start stack',
    ...(prometheus?.detail
      ? { detail: prometheus.detail }
      : stack.lastError
        ? { detail: stack.lastError }
        : {}),
    action: 'start-stack',
  };
}

/** The server's flags: instrumentation off, or prom-client missing. */
function instrumentationStep(server: ServerStatus): NextStep | null {
  if (!server.enabled) {
    return {
      tone: 'warn',
      title: 'Instrumentation is off — enable it in Settings',
      detail: 'Until then /metrics has no peak_trade_http_* metrics and the panels stay empty.',
      action: 'open-settings',
    };
  }
  if (server.promClientAvailable) return null;
  return {
    tone: 'warn',
    title: server.strict
      ? 'prom-client is unavailable — /metrics answers 503 (strict)'
      : 'prom-client is unavailable — /metrics serves only the fallback metric',
    action: 'open-preflight',
  };
}

/** Whether Prometheus answers, has the app's target, and scrapes it. */
function scrapeStep({ job, target, targetsError }: NextStepInput): NextStep | null {
  if (targetsError) {
    return {
      tone: 'error',
      title: `Prometheus is not answering: ${targetsError.message}`,
      ...(targetsError.fix ? { detail: targetsError.fix } : {}),
      action: 'open-targets',
    };
  }
  if (target === null) {
    return {
      tone: 'warn',
      title: `Prometheus has no ${job} target`,
      detail: 'Restart the stack so Prometheus loads the generated scrape config.',
      action: 'open-targets',
    };
  }
  if (target?.health === 'down') {
    return {
      tone: 'error',
      title: `Target is down: ${target.lastError || 'no error reported'}`,
      action: 'open-targets',
    };
  }
  if (target?.health === 'unknown') {
    return { tone: 'info', title: `Waiting for Prometheus's first scrape of ${job}` };
  }
  return null;
}
