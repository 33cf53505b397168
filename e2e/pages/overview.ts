// The Overview: the embedded server, the stack with Start/Stop and per-service progress, the
// scrape target's health, test traffic, and the "Next step" callout.
import { expect, type Locator, type Page } from '@playwright/test';

export type ServiceName = 'prometheus' | 'grafana';

export class OverviewPage {
  readonly root: Locator;
  readonly nextStep: Locator;
  readonly nextStepTitle: Locator;
  readonly nextStepAction: Locator;

  readonly serverListening: Locator;
  readonly serverEnabled: Locator;
  readonly serverStrict: Locator;
  readonly serverUrl: Locator;
  readonly serverRequests: Locator;
  readonly serverPromClient: Locator;

  readonly stackCard: Locator;
  readonly stackServices: Locator;
  readonly startButton: Locator;
  readonly stopButton: Locator;
  readonly stackProgress: Locator;
  readonly stackBlocked: Locator;
  readonly stackActionError: Locator;
  readonly openGrafana: Locator;
  readonly copyGrafanaPassword: Locator;
  readonly copyPrometheusPassword: Locator;
  readonly prometheusSignIn: Locator;

  readonly targetHealthCard: Locator;
  readonly targetHealth: Locator;
  readonly targetHealthMissing: Locator;
  readonly targetHealthError: Locator;

  readonly sendTrafficButton: Locator;
  readonly trafficResult: Locator;
  readonly trafficError: Locator;

  constructor(readonly page: Page) {
    const id = (testId: string) => page.getByTestId(testId);
    this.root = id('page-overview');
    this.nextStep = id('next-step');
    this.nextStepTitle = id('next-step-title');
    this.nextStepAction = id('next-step-action');
    this.serverListening = id('server-listening');
    this.serverEnabled = id('server-enabled');
    this.serverStrict = id('server-strict');
    this.serverUrl = id('server-url');
    this.serverRequests = id('server-requests');
    this.serverPromClient = id('server-prom-client');
    this.stackCard = id('stack-card');
    this.stackServices = id('stack-services');
    this.startButton = id('stack-start');
    this.stopButton = id('stack-stop');
    this.stackProgress = id('stack-progress');
    this.stackBlocked = id('stack-blocked');
    this.stackActionError = id('stack-action-error');
    this.openGrafana = id('open-grafana');
    this.copyGrafanaPassword = id('copy-grafana-password');
    this.copyPrometheusPassword = id('copy-prometheus-password');
    this.prometheusSignIn = id('prometheus-sign-in');
    this.targetHealthCard = id('target-health-card');
    this.targetHealth = id('target-health');
    this.targetHealthMissing = id('target-health-missing');
    this.targetHealthError = id('target-health-error');
    this.sendTrafficButton = id('send-traffic');
    this.trafficResult = id('traffic-result');
    this.trafficError = id('traffic-error');
  }

  serviceState(service: ServiceName): Locator {
    return this.page.getByTestId(`service-${service}-state`);
  }

  serviceProgress(service: ServiceName): Locator {
    return this.page.getByTestId(`stack-progress-${service}`);
  }

  /** Clicks Start stack and waits until Prometheus runs (a minute: the first start pulls or spawns). */
  async startStack(): Promise<void> {
    await this.startButton.click();
    await expect(this.serviceState('prometheus')).toHaveText('running', { timeout: 60_000 });
  }

  /**
   * Starts recording every per-service progress line the page shows (native Prometheus starts in
   * about a second, faster than polling could catch). Returns a reader of what was seen, as
   * "<service>: <text>" lines in order.
   */
  async recordProgress(): Promise<() => Promise<string[]>> {
    await this.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __progressSeen: string[] }).__progressSeen = seen;
      const read = (): void => {
        for (const el of document.querySelectorAll<HTMLElement>(
          '[data-testid^="stack-progress-"]',
        )) {
          const line = `${el.dataset.testid!.slice('stack-progress-'.length)}: ${el.innerText.replace(/\s+/g, ' ').trim()}`;
          if (seen.at(-1) !== line && !seen.includes(line)) seen.push(line);
        }
      };
      new MutationObserver(read).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    return () =>
      this.page.evaluate(() => (window as unknown as { __progressSeen: string[] }).__progressSeen);
  }

  /** "Requests served" as a number. */
  async requestsServed(): Promise<number> {
    return Number((await this.serverRequests.innerText()).replace(/[^\d]/g, ''));
  }
}
