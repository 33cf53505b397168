// Issue 4's walk, as a new user takes it: open the console, read what to do next and the
// preflight, start the stack (native Prometheus), see the target turn UP, switch instrumentation
// on, send test traffic, watch every panel draw, change variables, switch instrumentation off and
// strict on, stop the stack. Real headless console, real Prometheus, real Chromium. Screenshots of
// every page go to docs/screenshots/ on the way, each taken with data on the page.
import { expect, test, type Page } from '@playwright/test';
import { DashboardPage, PANEL_KEYS } from './pages/dashboard';
import { OverviewPage } from './pages/overview';
import { PreflightPage } from './pages/preflight';
import { SettingsPage } from './pages/settings';
import { ConsoleShell } from './pages/shell';
import { TargetsPage } from './pages/targets';
import { startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { backgroundLoad, type Load } from './support/load';
import { attachOnFailure } from './support/failure';
import { expectEveryPageAccessible } from './support/axe';
import { fetchMetrics, httpFamilies, HTTP_FAMILIES } from './support/metrics';
import { findOwnPrometheus } from './support/processes';
import { skipWithoutPrerequisites } from './support/prerequisites';
import { saveScreenshot } from './support/screenshots';
import { consoleToken, prometheusPassword } from './support/secrets';

test.describe.configure({ mode: 'serial' });
skipWithoutPrerequisites('the end-to-end console walk');

let pw: HeadlessConsole;
let page: Page;
let shell: ConsoleShell;
let overview: OverviewPage;
let targets: TargetsPage;
let dashboard: DashboardPage;
let preflight: PreflightPage;
let settings: SettingsPage;
let load: Load | undefined;

const shot = (name: string, opts: { wholePage?: boolean } = {}) =>
  saveScreenshot(page, name, { token: consoleToken(pw.consoleUrl), dataDir: pw.dataDir }, opts);

test.beforeAll(async ({ browser }) => {
  pw = await startHeadlessConsole({ scrapeIntervalSeconds: 2 });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  shell = new ConsoleShell(page);
  overview = new OverviewPage(page);
  targets = new TargetsPage(page);
  dashboard = new DashboardPage(page);
  preflight = new PreflightPage(page);
  settings = new SettingsPage(page);
});

test.afterEach(() => attachOnFailure(page, pw));

test.afterAll(async () => {
  load?.stop();
  await page?.close();
  await pw?.stop();
});

test('a new user opening the console is told to start the stack', async () => {
  await shell.open(pw.consoleUrl);
  await expect(overview.nextStepTitle).toHaveText('Prometheus is not running — Start stack');
  await expect(overview.nextStep).toHaveAttribute('data-tone', 'warn');
  await expect(overview.nextStepAction).toHaveText('Start stack');
  await expect(overview.serviceState('prometheus')).toHaveText('stopped');
  await expect(overview.startButton).toBeEnabled();
});

test('with the stack down, every page passes axe-core (WCAG 2.1 AA and best practices)', async () => {
  await expectEveryPageAccessible(page, 'stack down', async (name) => {
    // Each page's first answer is in: what it says about the stopped stack, not a loading state.
    if (name === 'dashboard') {
      await expect
        .poll(async () => Object.values(await dashboard.states()).includes('loading'))
        .toBe(false);
    }
    if (name === 'preflight') await expect(preflight.summary).toBeVisible();
  });
  await shell.goTo('overview');
});

test('with the native runtime and no Grafana binary, the Overview says plainly that Grafana needs Docker', async () => {
  await expect(overview.serviceState('grafana')).toHaveText('unavailable');
  await expect(overview.stackServices).toContainText('Grafana needs Docker');
  await expect(overview.openGrafana).toBeDisabled();
  await expect(overview.openGrafana).toHaveAttribute('title', /unavailable/);
  await expect(overview.copyGrafanaPassword).toBeDisabled();
});

test('Preflight lists every check with a status, and the nav badge counts its warnings', async () => {
  await shell.goTo('preflight');
  await expect(preflight.summary).toBeVisible();
  const checks = await preflight.statuses();
  expect(checks.map((c) => c.id)).toEqual(
    expect.arrayContaining([
      'prometheus-binary',
      'port-server',
      'port-prometheus',
      'prom-client',
      'prometheus-ready',
      'scrape-target',
      'grafana',
    ]),
  );
  for (const c of checks) expect(['ok', 'warn', 'fail', 'skipped']).toContain(c.status);
  // Native runtime on this machine: the binary is there, the stack is not started yet.
  await expect(preflight.status('prometheus-binary')).toHaveText('ok');
  await expect(preflight.observed('prometheus-binary')).toContainText('prometheus 2.');
  await expect(preflight.status('prometheus-ready')).toHaveText('warn');
  await expect(preflight.observed('prometheus-ready')).toContainText('connection refused');
  await expect(preflight.fix('prometheus-ready')).toContainText('Start the stack');
  for (const c of checks) {
    await expect(preflight.check(c.id).getByTestId('preflight-check-observed')).not.toBeEmpty();
  }
  // The badge in the navigation says the same as the summary on the page.
  const fail = checks.filter((c) => c.status === 'fail').length;
  const warn = checks.filter((c) => c.status === 'warn').length;
  expect(fail).toBe(0);
  await expect(preflight.summary).toContainText(`${warn} warn`);
  await expect(shell.preflightBadge).toHaveAttribute('data-warn', String(warn));
  await expect(shell.preflightBadge).toHaveAttribute('data-fail', '0');
});

test('Start stack on the Overview shows per-service progress, then Prometheus running', async () => {
  await shell.goTo('overview');
  const progressSeen = await overview.recordProgress();
  await overview.nextStepAction.click(); // "Start stack"
  await expect(overview.serviceState('prometheus')).toHaveText('running', { timeout: 60_000 });
  await expect(overview.stackActionError).toHaveCount(0);
  const seen = await progressSeen();
  expect(seen, 'per-service progress while starting').toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /^prometheus: starting prometheus Starting .*prometheus on 127\.0\.0\.1:/,
      ),
      expect.stringMatching(/^grafana: /),
    ]),
  );
  await expect(overview.serviceState('grafana')).toHaveText('unavailable');
  await expect(overview.stopButton).toBeEnabled();
  await expect(overview.startButton).toBeDisabled();
});

test('the stack card says how to get into Prometheus: the user shown, the password copied, never on the page', async () => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(pw.consoleUrl).origin,
  });
  await expect(overview.prometheusSignIn).toContainText('user peak-watch');
  await overview.copyPrometheusPassword.click();
  await expect(page.getByText('Prometheus password for user "peak-watch"')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await prometheusPassword(pw.dataDir));
  expect(copied.length).toBeGreaterThanOrEqual(24);
  await shot('overview-prometheus-sign-in');
});

test('the Targets page shows peak_trade_web turning UP', async () => {
  await shell.goTo('targets');
  const row = targets.row('peak_trade_web');
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(targets.healthPill('peak_trade_web')).toHaveText('UP', { timeout: 30_000 });
  await expect(row).toContainText(`127.0.0.1:${pw.metricsPort}/metrics`);
  await expect(row.getByTestId('target-last-error')).toBeEmpty();
  await expect(targets.error).toHaveCount(0);
  // peak_trade_web and Prometheus itself (its self-scrape feeds the reload and rule alerts).
  await expect(targets.filter('up')).toContainText('2');
  await shot('targets');
  await shell.goTo('overview');
  await expect(overview.targetHealth).toHaveText('UP', { timeout: 15_000 });
});

test('once the target is UP, Preflight and its badge report no failure', async () => {
  // The scrape-target check ran right after Start, before Prometheus listed its target.
  await expect(shell.preflightBadge).toHaveAttribute('data-fail', '0', { timeout: 15_000 });
  await shell.goTo('preflight');
  await expect(preflight.status('scrape-target')).toHaveText('ok', { timeout: 15_000 });
  await expect(preflight.status('prometheus-ready')).toHaveText('ok');
  await expect(preflight.observed('scrape-target')).toContainText(`127.0.0.1:${pw.metricsPort} up`);
  await expect(preflight.status('port-prometheus')).toHaveText('ok');
  // No Grafana binary is the one warning left on this machine, said once, with what to do; the
  // health check says why it asked nothing.
  await expect(preflight.status('grafana-binary')).toHaveText('warn');
  await expect(preflight.observed('grafana-binary')).toContainText(
    'not found — Grafana needs Docker here',
  );
  await expect(preflight.fix('grafana-binary')).toContainText(
    'Choose the Docker runtime in Settings',
  );
  await expect(preflight.status('grafana')).toHaveText('skipped');
  await expect(preflight.observed('grafana')).toContainText('see Grafana binary');
  await expect(shell.preflightBadge).toHaveAttribute('data-warn', '1');
  await shot('preflight');
  await shot('preflight-full', { wholePage: true });
});

test('with the target UP the next step is to switch instrumentation on, in Settings', async () => {
  await shell.goTo('overview');
  await expect(overview.nextStepTitle).toHaveText('Instrumentation is off — enable it in Settings');
  await overview.nextStepAction.click(); // "Open Settings"
  await expect(settings.root).toBeVisible();
  await settings.setFlag('enabled', true);
  await expect
    .poll(async () => httpFamilies(await fetchMetrics(pw.metricsUrl)), { timeout: 15_000 })
    .toEqual(HTTP_FAMILIES);
  await expect(shell.toasts.first()).toContainText('Instrumentation on');
  await shell.dismissToasts();
  await shot('settings');
  await shell.goTo('overview');
  await expect(overview.serverEnabled).toHaveText('instrumentation on');
  await expect(overview.nextStepTitle).toHaveText('Metrics are flowing', { timeout: 20_000 });
  await expect(overview.nextStep).toHaveAttribute('data-tone', 'ok');
});

test('Send test traffic on the Overview reports what it sent', async () => {
  const before = await overview.requestsServed();
  await overview.sendTrafficButton.click();
  await expect(overview.trafficResult).toContainText(/Sent \d+ in/, { timeout: 30_000 });
  await expect(overview.trafficResult).toContainText('404');
  await expect(overview.trafficResult).toContainText('405');
  await expect(overview.trafficError).toHaveCount(0);
  await expect.poll(() => overview.requestsServed(), { timeout: 15_000 }).toBeGreaterThan(before);
  await shell.dismissToasts();
  await shot('overview');
  // From here on, a trickle of requests like real users' keeps the lines moving for the
  // dashboard screenshot.
  load = backgroundLoad(pw.metricsUrl, 45);
});

test('the Dashboard draws every panel, and the test traffic moves the per-route rates', async () => {
  await shell.goTo('dashboard');
  // The stack has run for seconds, not the default 30 minutes: look at the last 5.
  await dashboard.setRange(5);
  const byRoute = dashboard.panel('rps_by_route');
  // Not just a line for Prometheus's own scrapes of /metrics: the burst's routes have a rate.
  await expect
    .poll(async () => (await byRoute.legend())['/api/status'] ?? 'no series', {
      timeout: 60_000,
      intervals: [1_000],
    })
    .toMatch(/^(?!0 )[\d.]+ req\/s$/);
  await expect(
    dashboard.panel('latency_quantiles').legendItems.filter({ hasText: '/api/status' }),
  ).toContainText(/\d+(\.\d+)? (ms|s)/);

  // The default status class is 5..: the traffic has 404s and 405s but no 5xx, and the error
  // panel says exactly that instead of drawing nothing.
  const errors = dashboard.panel('error_rate');
  await errors.expectEmpty('no-matching-status');
  await expect(errors.emptyTitle).toHaveText('No 5.. responses in this range');
  expect(await errors.query()).toContain('status_code=~"5.."');

  await dashboard.choose('status_class', '4..');
  await expect(errors.title).toHaveText('Error rate (4.. share)');
  await expect(errors.promql).toContainText('status_code=~"4.."');
  await errors.hideQuery();
  await expect
    .poll(() => dashboard.states(), { timeout: 60_000, intervals: [1_000] })
    .toEqual(Object.fromEntries(PANEL_KEYS.map((k) => [k, 'chart'])));
  await expect(dashboard.target).toContainText('UP');
  // No way into a Grafana that does not run here.
  await expect(dashboard.openGrafana).toBeDisabled();
  await expect(dashboard.openGrafana).toHaveAttribute('title', /Grafana needs Docker/);
});

test('keyboard focus on "Refresh now" survives the refreshes the dashboard runs by itself', async () => {
  // The button used to be disabled while each refresh ran, and a disabled button loses focus:
  // every 2 s a keyboard user was thrown back to the top of the page.
  let refreshes = 0;
  // One instant query per refresh (the bar panel's); the rest are range queries.
  const count = (r: { url(): string }): void => {
    if (new URL(r.url()).pathname === '/rpc/query') refreshes++;
  };
  page.on('response', count);
  try {
    await dashboard.refreshNow.focus();
    await expect(dashboard.refreshNow).toBeFocused();
    // Two whole auto-refreshes after the one that may have been running.
    await expect.poll(() => refreshes, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await expect(dashboard.refreshNow).toBeFocused();
    // …and with the dashboard paused from the keyboard (Pause sits just before it), Enter on it
    // is what refreshes.
    await page.keyboard.press('Shift+Tab');
    await expect(dashboard.pause).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dashboard.pause).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Tab');
    await expect(dashboard.refreshNow).toBeFocused();
    const before = refreshes;
    await page.keyboard.press('Enter');
    await expect.poll(() => refreshes, { timeout: 10_000 }).toBeGreaterThan(before);
    await expect(dashboard.refreshNow).toBeFocused();
    await dashboard.pause.click(); // live again, for the tests after this one
    await expect(dashboard.pause).toHaveAttribute('aria-pressed', 'false');
  } finally {
    page.off('response', count);
  }
});

test("choosing quantile 0.99 changes the latency panel's title and PromQL, and it still draws", async () => {
  const latency = dashboard.panel('latency_quantiles');
  expect(await latency.query()).toMatch(/^histogram_quantile\(0\.95, /);
  await dashboard.choose('quantile', '0.99');
  await expect(latency.title).toHaveText('Latency p(0.99) per route');
  await expect(latency.promql).toContainText('histogram_quantile(0.99, ');
  await latency.hideQuery();
  await latency.expectChart();
  await expect(latency.legendItems.filter({ hasText: '/api/status' })).toContainText(
    /\d+(\.\d+)? (ms|s)/,
  );
});

test('picking two routes narrows RPS per route to them, in its PromQL and its legend', async () => {
  const byRoute = dashboard.panel('rps_by_route');
  expect(await dashboard.options('route')).toEqual(
    expect.arrayContaining(['/api/status', '/health', '/api/runs/:id', '__unknown__']),
  );
  await dashboard.pick('route', ['/api/status', '/health']);
  await expect(page.getByTestId('var-route')).toHaveText('/api/status, /health');
  expect(await byRoute.query()).toContain('route=~"(/api/status|/health)"');
  await byRoute.hideQuery();
  await expect
    .poll(async () => Object.keys(await byRoute.legend()).sort(), { timeout: 30_000 })
    .toEqual(['/api/status', '/health']);
  await byRoute.expectChart();

  await dashboard.pick('route', []); // back to All
  await expect(page.getByTestId('var-route')).toHaveText('All');
  await expect
    .poll(async () => Object.keys(await byRoute.legend()).length, { timeout: 30_000 })
    .toBeGreaterThan(2);

  // The picture for the docs: every panel drawing, with most of a minute of data in it.
  expect(await load?.done).toBeGreaterThan(100);
  await expect
    .poll(() => dashboard.states(), { timeout: 30_000, intervals: [1_000] })
    .toEqual(Object.fromEntries(PANEL_KEYS.map((k) => [k, 'chart'])));
  await shell.dismissToasts();
  await shot('dashboard');
  await shot('dashboard-full', { wholePage: true });
});

test('with the stack running and every panel drawing, every page passes axe-core', async () => {
  await expectEveryPageAccessible(page, 'stack running, data drawn', async (name) => {
    if (name === 'dashboard') {
      await expect
        .poll(() => dashboard.states(), { timeout: 30_000 })
        .toEqual(Object.fromEntries(PANEL_KEYS.map((k) => [k, 'chart'])));
    }
    if (name === 'targets') await expect(targets.healthPill('peak_trade_web')).toHaveText('UP');
    if (name === 'preflight') await expect(preflight.status('scrape-target')).toHaveText('ok');
  });
  await shell.goTo('dashboard');
});

test('switching instrumentation off empties /metrics of peak_trade_http_* and every panel says why', async () => {
  await shell.goTo('settings');
  await settings.setFlag('enabled', false);
  await expect
    .poll(async () => httpFamilies(await fetchMetrics(pw.metricsUrl)), { timeout: 15_000 })
    .toEqual([]);
  await shell.goTo('dashboard');
  for (const panel of dashboard.panels()) {
    await panel.expectEmpty('instrumentation-off', 30_000);
    await expect(panel.emptyTitle).toHaveText(
      "Instrumentation is off: turn on 'enabled' in Settings",
    );
    await expect(panel.emptyAction).toHaveText('Open Settings');
  }
  await shell.goTo('overview');
  await expect(overview.serverEnabled).toHaveText('instrumentation off');
  await expect(overview.nextStepTitle).toHaveText('Instrumentation is off — enable it in Settings');
});

test('switching strict on shows strict mode in Settings and on the Overview', async () => {
  await shell.goTo('settings');
  await settings.setFlag('strict', true);
  await shell.goTo('overview');
  await expect(overview.serverStrict).toHaveText('strict on');
  // prom-client is there, so strict changes nothing a scrape sees: /metrics still answers.
  await expect(fetchMetrics(pw.metricsUrl)).resolves.toContain('process_cpu_user_seconds_total');
});

test('Stop stack: the Overview says Prometheus is not running and offers Start stack', async () => {
  await shell.dismissToasts();
  await overview.stopButton.click();
  await expect(overview.serviceState('prometheus')).toHaveText('stopped', { timeout: 30_000 });
  await expect(overview.nextStepTitle).toHaveText('Prometheus is not running — Start stack');
  await expect(overview.nextStepAction).toHaveText('Start stack');
  await expect(overview.startButton).toBeEnabled();
  await expect(overview.stopButton).toBeDisabled();
  expect(
    findOwnPrometheus(pw.prometheusPort, pw.dataDir),
    'the Prometheus it started is gone',
  ).toBeNull();
});
