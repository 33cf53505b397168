// The core's eye on the alerts: asks Prometheus for its rules at the evaluation interval (the
// renderer does not poll for this), pushes the Alerts page's data when it changes, the tray's
// health on change, and a notification per rule transition (see notifier.ts). Host-agnostic: the
// Electron host turns the events into a Notification and a Tray colour, the browser into the
// Notification API.
import {
  ConsoleError,
  type AlertsView,
  type HealthStatus,
  type SourceAlerting,
} from '../../../shared/api';
import type { Settings } from '../../../shared/settings';
import type { ConsoleEventBus } from '../events';
import type { PrometheusClient } from '../prometheus';
import { configuredJob } from '../../../shared/dashboard';
import { buildAlertsView, sourceRules } from './alerts-view';
import { AlertNotifier } from './notifier';

export interface AlertsServiceDeps {
  prometheus: () => PrometheusClient;
  settings: () => Settings;
  events: ConsoleEventBus;
  /**
   * Throws (with the source's note) when the source was found to have no rules API, so the
   * service does not ask it again at every evaluation interval (SourceService.require).
   */
  requireRules?: () => void;
  now?: () => Date;
}

const errorText = (err: unknown): string =>
  err instanceof ConsoleError
    ? [err.message, err.fix].filter(Boolean).join(' ')
    : (err as Error).message;

/** What changes on the page: not the evaluation timestamps, which move every interval. */
function viewKey(v: AlertsView): string {
  return JSON.stringify([
    v.error,
    v.source ?? null,
    v.rules.map((r) => [
      r.name,
      r.state,
      r.alerts,
      r.health,
      r.lastError,
      r.muted,
      r.loaded,
      r.expr,
    ]),
  ]);
}

export class AlertsService {
  private readonly notifier: AlertNotifier;
  private last: AlertsView | null = null;
  private lastKey = '';
  private lastHealth: HealthStatus | null = null;
  private timer: NodeJS.Timeout | null = null;
  private inflight: Promise<AlertsView> | null = null;

  constructor(private readonly deps: AlertsServiceDeps) {
    this.notifier = new AlertNotifier(() => deps.settings().alerts.notifyEveryMinutes);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Looks at Prometheus now; concurrent callers share one look. */
  refresh(): Promise<AlertsView> {
    this.inflight ??= this.look().finally(() => (this.inflight = null));
    return this.inflight;
  }

  private async look(): Promise<AlertsView> {
    const all = this.deps.settings();
    const settings = all.alerts;
    // The rules (and the backtest's value queries) watch the same job the stack's rules file does.
    const job = configuredJob(all.source);
    let view: AlertsView;
    if (all.source.kind === 'existing') {
      view = await this.lookAtExisting(all.source.url, job);
    } else {
      try {
        const loaded = await this.deps.prometheus().alertingRules();
        view = buildAlertsView(settings, loaded, null, this.now(), job);
      } catch (err) {
        view = buildAlertsView(settings, null, errorText(err), this.now(), job);
      }
    }
    this.publish(view);
    return view;
  }

  /**
   * An existing source evaluates its own rules, and ours only if someone loaded the exported
   * file there: its rules are shown read-only, ours as they are loaded there (or not at all).
   * A source without a rules API is not an error: its note says so, and the states stay unknown.
   */
  private async lookAtExisting(url: string, job: string): Promise<AlertsView> {
    const settings = this.deps.settings().alerts;
    try {
      this.deps.requireRules?.();
    } catch (err) {
      const source: SourceAlerting = { url, rules: null, note: errorText(err), oursLoaded: false };
      return { ...buildAlertsView(settings, [], null, this.now(), job), source };
    }
    try {
      const loaded = await this.deps.prometheus().alertingRules();
      const view = buildAlertsView(settings, loaded, null, this.now(), job);
      const source: SourceAlerting = {
        url,
        rules: sourceRules(loaded),
        note: null,
        oursLoaded: view.rules.some((r) => r.loaded),
      };
      return { ...view, source };
    } catch (err) {
      const source: SourceAlerting = { url, rules: null, note: null, oursLoaded: false };
      return { ...buildAlertsView(settings, null, errorText(err), this.now(), job), source };
    }
  }

  private publish(view: AlertsView): void {
    this.last = view;
    const key = viewKey(view);
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.deps.events.emit('alerts', view);
    }
    const h = view.health;
    if (
      !this.lastHealth ||
      h.health !== this.lastHealth.health ||
      h.detail !== this.lastHealth.detail
    ) {
      this.lastHealth = h;
      this.deps.events.emit('health', h);
    }
    for (const n of this.notifier.observe(view, this.now())) {
      this.deps.events.emit('alertNotification', n);
    }
  }

  /** The latest view without asking Prometheus again (null before the first look). */
  latest(): AlertsView | null {
    return this.last;
  }

  /** Polls at the alerts' evaluation interval until stop(); never keeps the process alive. */
  start(): void {
    if (this.timer) return;
    const tick = (): void => {
      void this.refresh().finally(() => {
        if (!this.timer) return;
        const seconds = this.deps.settings().alerts.evaluationIntervalSeconds;
        this.timer = setTimeout(tick, seconds * 1000);
        this.timer.unref();
      });
    };
    this.timer = setTimeout(tick, 0);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
