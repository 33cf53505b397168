// Pure: which rule transitions become notifications. A rule notifies when it starts firing —
// at most once per rule per `notifyEveryMinutes` — and when it resolves after a notified firing
// (so nobody is left believing something is still broken). Muted rules never notify. States
// come from successive looks at Prometheus; an unreachable Prometheus is no transition.
import type { AlertNotification, AlertRuleStatus, AlertsView } from '../../../shared/api';

interface RuleMemory {
  firing: boolean;
  lastFiringNotice: number | null;
  firingNotified: boolean;
  /** The last firing alert's expanded summary, for the resolved notification. */
  summary: string | null;
}

export class AlertNotifier {
  private readonly memory = new Map<string, RuleMemory>();

  constructor(private readonly notifyEveryMinutes: () => number) {}

  /** Feeds one look at the rules; returns the notifications to send now. */
  observe(view: AlertsView, now: Date): AlertNotification[] {
    if (view.error !== null) return [];
    const out: AlertNotification[] = [];
    for (const rule of view.rules) {
      const mem = this.memory.get(rule.name) ?? {
        firing: false,
        lastFiringNotice: null,
        firingNotified: false,
        summary: null,
      };
      const firing = rule.state === 'firing';
      if (firing) mem.summary = firstSummary(rule) ?? mem.summary;
      if (firing && !mem.firing) {
        const gapMs = this.notifyEveryMinutes() * 60_000;
        const quiet =
          mem.lastFiringNotice === null || now.getTime() - mem.lastFiringNotice >= gapMs;
        mem.firingNotified = quiet && !rule.muted;
        if (mem.firingNotified) {
          mem.lastFiringNotice = now.getTime();
          out.push(notification(rule, 'firing', mem.summary, now));
        }
      } else if (!firing && mem.firing) {
        if (mem.firingNotified && !rule.muted)
          out.push(notification(rule, 'resolved', mem.summary, now));
        mem.firingNotified = false;
      }
      mem.firing = firing;
      this.memory.set(rule.name, mem);
    }
    return out;
  }
}

function firstSummary(rule: AlertRuleStatus): string | undefined {
  return rule.alerts.find((a) => a.state === 'firing')?.annotations.summary;
}

function notification(
  rule: AlertRuleStatus,
  state: 'firing' | 'resolved',
  summary: string | null,
  now: Date,
): AlertNotification {
  return {
    rule: rule.name,
    state,
    severity: rule.severity,
    title: `${rule.name} ${state === 'firing' ? 'is firing' : 'resolved'}`,
    // Only before any firing was seen (a resolve after a restart): the template, blanks marked.
    summary: summary ?? rule.summary.replace(/\{\{[^}]*\}\}/g, '…'),
    fix: rule.fix,
    at: now.toISOString(),
  };
}
