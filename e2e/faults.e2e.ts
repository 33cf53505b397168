// Faults a user can see: the Prometheus the console started dies under it (killed, as the OOM
// killer or a stray `kill` would) and the console loses its host. Who may act as the console is
// web-trust.e2e.ts.
// Real headless console, real Prometheus, real Chromium.
import { expect, test, type Page } from '@playwright/test';
import { DashboardPage } from './pages/dashboard';
import { OverviewPage } from './pages/overview';
import { ConsoleShell } from './pages/shell';
import { TargetsPage } from './pages/targets';
import { startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { attachOnFailure } from './support/failure';
import { fetchMetrics } from './support/metrics';
import { skipWithoutPrerequisites } from './support/prerequisites';
import { findOwnPrometheus, isAlive } from './support/processes';

skipWithoutPrerequisites('the end-to-end fault walk');

test.describe('Prometheus dies mid-session', () => {
  test.describe.configure({ mode: 'serial' });

  let pw: HeadlessConsole;
  let page: Page;
  let shell: ConsoleShell;
  let overview: OverviewPage;
  let targets: TargetsPage;
  let dashboard: DashboardPage;
  let prometheusPid: number;

  test.beforeAll(async ({ browser }) => {
    // Instrumentation on from the start (the seed's env flag), so the panels have data to lose.
    pw = await startHeadlessConsole({
      scrapeIntervalSeconds: 2,
      env: { PEAK_TRADE_PROMETHEUS_ENABLED: '1' },
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    shell = new ConsoleShell(page);
    overview = new OverviewPage(page);
    targets = new TargetsPage(page);
    dashboard = new DashboardPage(page);
  });

  test.afterEach(() => attachOnFailure(page, pw));

  test.afterAll(async () => {
    await page?.close();
    await pw?.stop();
  });

  test('started from the Overview, the stack scrapes the server and the panels draw', async () => {
    await shell.open(pw.consoleUrl);
    await overview.startStack();
    await expect(overview.targetHealth).toHaveText('UP', { timeout: 30_000 });
    await overview.sendTrafficButton.click();
    await expect(overview.trafficResult).toContainText(/Sent \d+ in/, { timeout: 30_000 });
    await shell.goTo('dashboard');
    await dashboard.setRange(5);
    await dashboard.panel('rps_total').expectChart();
    const pid = findOwnPrometheus(pw.prometheusPort, pw.dataDir);
    expect(
      pid,
      `a prometheus on 127.0.0.1:${pw.prometheusPort} with data in ${pw.dataDir}`,
    ).not.toBeNull();
    prometheusPid = pid!;
  });

  test('Prometheus killed: the Targets page says it is unreachable and how to fix it', async () => {
    await shell.goTo('targets');
    await expect(targets.healthPill('peak_trade_web')).toHaveText('UP');
    process.kill(prometheusPid, 'SIGKILL');
    await expect.poll(() => isAlive(prometheusPid)).toBe(false);

    await expect(targets.error).toBeVisible({ timeout: 20_000 });
    await expect(targets.error).toContainText('Prometheus did not answer');
    await expect(targets.errorMessage).toContainText(
      `Prometheus at http://127.0.0.1:${pw.prometheusPort} is not reachable`,
    );
    await expect(targets.errorFix).toContainText('Start the stack');
    // No rows left over from the dead Prometheus: they would claim a health nobody measures.
    await expect(targets.rows).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('targets-prometheus-killed.png') });
  });

  test('Prometheus killed: every panel says Prometheus is not reachable and offers Start stack', async () => {
    await shell.goTo('dashboard');
    for (const panel of dashboard.panels()) {
      await panel.expectEmpty('prometheus-unreachable', 30_000);
      await expect(panel.emptyTitle).toHaveText('Prometheus is not reachable');
      await expect(panel.root).toContainText(`127.0.0.1:${pw.prometheusPort}`);
      await expect(panel.root).toContainText('Start the stack');
      await expect(panel.emptyAction).toHaveText('Start stack');
    }
    await page.screenshot({ path: test.info().outputPath('dashboard-prometheus-killed.png') });
  });

  test('Prometheus killed: the console stays up and the Overview says to start the stack', async () => {
    await shell.goTo('overview');
    await expect(shell.connectionBanner).toHaveCount(0);
    await expect(overview.serverListening).toHaveText('listening');
    await expect(overview.serviceState('prometheus')).toHaveText(/exited|stopped/, {
      timeout: 20_000,
    });
    await expect(overview.nextStepTitle).toHaveText('Prometheus is not running — Start stack');
    // Why it stopped, in words — not the info line Prometheus happened to log last.
    await expect(overview.stackServices).toContainText('prometheus: killed by SIGKILL');
    await expect(overview.stackServices).not.toContainText('level=info');
    await expect(overview.targetHealthError).toContainText('not reachable');
    await page.screenshot({ path: test.info().outputPath('overview-prometheus-killed.png') });
    // The embedded server never depended on Prometheus.
    await expect(fetchMetrics(pw.metricsUrl)).resolves.toContain('peak_trade_http_requests_total');
  });

  test('Start stack after the crash recovers: Prometheus running, target UP, panels drawing', async () => {
    await overview.nextStepAction.click(); // "Start stack"
    await expect(overview.serviceState('prometheus')).toHaveText('running', { timeout: 60_000 });
    await expect(overview.stackActionError).toHaveCount(0);
    await expect(overview.targetHealth).toHaveText('UP', { timeout: 30_000 });
    await expect(overview.nextStepTitle).toHaveText('Metrics are flowing');
    await shell.goTo('targets');
    await expect(targets.error).toHaveCount(0);
    await expect(targets.healthPill('peak_trade_web')).toHaveText('UP');
    await shell.goTo('dashboard');
    await dashboard.panel('rps_total').expectChart();
    await dashboard.panel('rps_by_route').expectChart();
    const pid = findOwnPrometheus(pw.prometheusPort, pw.dataDir);
    expect(pid).not.toBeNull();
    expect(pid).not.toBe(prometheusPid);
  });

  test('the headless console stopped: the open page says the connection is lost', async () => {
    await pw.stop();
    await expect(shell.connectionBanner).toBeVisible({ timeout: 30_000 });
    await expect(shell.connectionBanner).toHaveAttribute('data-state', 'lost');
    // It stopped what it started: no Prometheus of ours is left behind.
    expect(findOwnPrometheus(pw.prometheusPort, pw.dataDir)).toBeNull();
  });
});
