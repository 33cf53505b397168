// "Use an existing Prometheus", walked as a person does it in Settings (docs/SOURCES.md): a team's
// Prometheus (Debian's binary) behind basic auth with a bcrypt hash made here, scraping the
// console's embedded server as job peak_trade_uvicorn and evaluating a rule of its own; and
// Debian's VictoriaMetrics scraping the same server. Wrong password → a plain 401 sentence; right
// password → up; the Overview, Targets (grouped by job), a dashboard panel and Alerts (the
// source's rules, our rules' "not loaded there" callout) all read the source; switching to
// VictoriaMetrics explains its missing rules API. The password is never in the page.
// Real headless console, real Chromium. Screenshots: docs/screenshots/source-*.png.
import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import {
  startSourcePrometheus,
  startVictoriaMetrics,
  type RunningSource,
} from '../electron/services/source/testing';
import { DashboardPage } from './pages/dashboard';
import { ConsoleShell } from './pages/shell';
import { attachOnFailure } from './support/failure';
import { startHeadlessConsole, type HeadlessConsole } from './support/headless-console';
import { backgroundLoad, type Load } from './support/load';
import { skipWithoutPrerequisites } from './support/prerequisites';
import { saveScreenshot } from './support/screenshots';
import { consoleToken } from './support/secrets';

test.describe.configure({ mode: 'serial' });
skipWithoutPrerequisites('an existing source in the console', { prometheus: true });

const JOB = 'peak_trade_uvicorn';
const USER = 'alice';
// Random per run: a fixed one could be on the page by coincidence of a fixture.
const PASSWORD = `pw-${randomBytes(9).toString('hex')}`;
const TEAM_RULES = `groups:
  - name: team-rules
    rules:
      - alert: TeamAppSlow
        expr: histogram_quantile(0.99, sum by (le) (rate(peak_trade_http_request_duration_seconds_bucket[1m]))) > 5
        for: 1m
        annotations:
          summary: The team's own p99 latency rule
      - alert: TeamScrapeSeen
        expr: up{job="${JOB}"} == 1
        annotations:
          summary: Fires while the app is scraped (a rule the team evaluates, not ours)
`;

let pw: HeadlessConsole;
let prom: RunningSource;
let vm: RunningSource;
let page: Page;
let shell: ConsoleShell;
let load: Load | undefined;

const shot = (name: string, element?: string) =>
  saveScreenshot(
    page,
    name,
    { token: consoleToken(pw.consoleUrl), dataDir: pw.dataDir },
    // The Source card is taller than the window: the outcome under its buttons is the subject.
    element ? { element: page.getByTestId(element) } : {},
  );

/** The password is nowhere a page can show or leak it: not its text, not its HTML. */
async function expectNoPassword(): Promise<void> {
  expect(await page.content()).not.toContain(PASSWORD);
  expect(await page.locator('body').innerText()).not.toContain(PASSWORD);
  // A typed value lives in the input's property, not the HTML: only the field being edited may
  // hold it, and only until it is saved.
  const values = await page
    .locator('input')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(values).not.toContain(PASSWORD);
}

test.beforeAll(async ({ browser }) => {
  pw = await startHeadlessConsole({
    scrapeIntervalSeconds: 1,
    env: { PEAK_TRADE_PROMETHEUS_ENABLED: '1' },
  });
  const target = new URL(pw.metricsUrl).host;
  [prom, vm] = await Promise.all([
    startSourcePrometheus({
      user: USER,
      password: PASSWORD,
      jobs: [{ job: JOB, targets: [target] }],
      rules: TEAM_RULES,
    }),
    startVictoriaMetrics({ jobs: [{ job: JOB, targets: [target] }] }),
  ]);
  load = backgroundLoad(pw.metricsUrl, 150);
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  shell = new ConsoleShell(page);
  await shell.open(pw.consoleUrl);
});

test.afterAll(async () => {
  load?.stop();
  await page?.close();
  await Promise.all([pw?.stop(), prom?.stop(), vm?.stop()]);
});

test.afterEach(async () => {
  await attachOnFailure(page, pw);
});

async function fillExisting(url: string, auth: 'none' | 'basic', password?: string) {
  await shell.goTo('settings');
  const card = page.getByTestId('source-card');
  await card.getByTestId('source-kind-existing').check();
  await card.getByTestId('source-url').fill(url);
  await card.getByTestId('source-auth').selectOption(auth);
  if (auth === 'basic') {
    await card.getByTestId('source-user').fill(USER);
    if (password !== undefined) await card.getByTestId('source-secret').fill(password);
  }
}

test('a wrong password is refused with a plain 401 sentence naming the URL and user', async () => {
  await fillExisting(prom.url, 'basic', 'not-the-password');
  await page.getByTestId('source-test').click();
  const result = page.getByTestId('source-result');
  await expect(result.getByTestId('source-result-health')).toHaveText('credentials refused (401)');
  const message = page.getByTestId('source-result-error-message');
  await expect(message).toContainText(prom.url);
  await expect(message).toContainText(USER);
  await expect(message).not.toContainText('not-the-password');
  await expect(page.getByTestId('source-result-error-fix')).not.toBeEmpty();
  // The outcome stays until the next edit: it is what the screenshot shows.
  await expect(page.getByTestId('source-result-health')).toHaveText('credentials refused (401)');
  await shot('source-unauthorized', 'source-card');
});

test('the right password: Test says up, Save switches every page to the source', async () => {
  await page.getByTestId('source-secret').fill(PASSWORD);
  await page.getByTestId('source-test').click();
  await expect(page.getByTestId('source-result-health')).toHaveText('up');
  await expect(page.getByTestId('source-result-product')).toContainText('Prometheus');
  await page.getByTestId('source-save').click();
  await expect(page.getByTestId('source-outcome-title')).toHaveText(
    'Saved: every page now reads this source',
  );
  await expect(page.getByTestId('source-result-auth')).toHaveText(`basic auth as ${USER}`);
  // Saved: the field is empty again and says a password is kept, never which.
  await expect(page.getByTestId('source-secret')).toHaveValue('');
  await expect(page.getByTestId('source-secret-state')).toContainText('stored');
  await expect(page.getByTestId('source-result-job')).toContainText(JOB, { timeout: 30_000 });
  await shell.dismissToasts();
  await expectNoPassword();
  await shot('source-settings', 'source-card');
});

test('the detected job is one click from the stack’s dashboard and rules', async () => {
  // source.job is empty, so the generated files say peak_trade_web; the source carries JOB.
  const offer = page.getByTestId('source-job-offer');
  await expect(offer).toContainText(`carries the app's metrics in ${JOB}`);
  await expect(offer).toContainText('use peak_trade_web');
  await offer.getByTestId('source-job-use').click();
  await expect(offer).toHaveCount(0);
  await expect(page.getByTestId('source-job')).toHaveValue(JOB);
  await shell.dismissToasts();
});

test('the Overview shows the source in the stack’s place: URL, health, product, auth', async () => {
  await shell.goTo('overview');
  const card = page.getByTestId('source-overview-card');
  await expect(card.getByTestId('source-overview-url')).toHaveText(prom.url);
  await expect(card.getByTestId('source-overview-health')).toHaveText('up');
  await expect(card.getByTestId('source-overview-auth')).toHaveText(`basic auth as ${USER}`);
  await expect(card.getByTestId('source-overview-product')).toContainText('Prometheus');
  // No receiver is configured: Start/Stop of the local stack give way to the source.
  await expect(page.getByTestId('stack-card')).toHaveCount(0);
  await expect(page.getByTestId('next-step-title')).toContainText(`job ${JOB}`);
  // Preflight re-ran for the new source: the stopped local stack is no failure now.
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            document
              .querySelector('[data-testid="nav-preflight-badge"]')
              ?.getAttribute('data-fail') ?? '0',
        ),
      { timeout: 30_000 },
    )
    .toBe('0');
  // The scrape-target card names the app's job the source carries, not the managed stack's.
  const targetCard = page.getByTestId('target-health-card');
  await expect(targetCard).toContainText(JOB);
  await expect(targetCard).not.toContainText('peak_trade_web');
  // Test traffic goes to the embedded server; whether the source sees it is its scrape config's.
  await expect(page.getByTestId('traffic-text')).toContainText(
    `${prom.url} sees them only if it scrapes that server`,
  );
  await expectNoPassword();
  await shell.dismissToasts();
  await shot('source-overview');
});

test('Targets lists the source’s targets grouped by job', async () => {
  await shell.goTo('targets');
  const group = page.locator(`[data-testid="targets-group"][data-job="${JOB}"]`);
  await expect(group.getByTestId('targets-group-title')).toContainText('1/1 up', {
    timeout: 30_000,
  });
  await expect(group.getByTestId('target-row')).toHaveAttribute('data-health', 'up');
  await expect(page.getByTestId('targets-error')).toHaveCount(0);
  await expectNoPassword();
  await shell.dismissToasts();
  await shot('source-targets');
});

test('a dashboard panel draws the source’s data', async () => {
  await shell.goTo('dashboard');
  const dashboard = new DashboardPage(page);
  await expect.poll(() => dashboard.panel('rps_total').state(), { timeout: 60_000 }).toBe('chart');
  await expectNoPassword();
});

test('Alerts shows the source’s own rules read-only and how to load ours there', async () => {
  await shell.goTo('alerts');
  const rules = page.getByTestId('source-rules');
  await expect(
    rules.locator('[data-testid="source-rule"][data-rule="TeamScrapeSeen"]'),
  ).toHaveAttribute('data-state', 'firing', { timeout: 30_000 });
  await expect(rules.locator('[data-testid="source-rule"][data-rule="TeamAppSlow"]')).toBeVisible();
  await expect(page.getByTestId('alerts-not-loaded-callout')).toContainText(
    'Our alert rules are not loaded there',
  );
  await expect(page.getByTestId('alerts-export-command')).toContainText('peak-watch alerts export');
  // Not loaded there, our rules' states are unknown, never "inactive" (all quiet).
  const ours = page.locator('[data-testid="alert-rule"]');
  await expect(ours.first().getByTestId('alert-rule-state')).toHaveText('UNKNOWN');
  await expect(ours.first().getByTestId('alert-rule-not-loaded')).toHaveAttribute(
    'title',
    /peak-watch alerts export/,
  );
  // Unknown is not inactive: the state filter counts them under All only.
  await expect(page.getByTestId('alerts-filter-inactive').locator('.count')).toHaveText('0');
  await expect(page.getByTestId('alerts-error')).toHaveCount(0);
  await expectNoPassword();
  await shell.dismissToasts();
  await shot('source-alerts');
});

test('switching to VictoriaMetrics: its targets, and its missing rules API explained', async () => {
  await fillExisting(vm.url, 'none');
  await page.getByTestId('source-save').click();
  await expect(page.getByTestId('source-outcome-title')).toHaveText(
    'Saved: every page now reads this source',
  );
  await expect(page.getByTestId('source-result-health')).toHaveText('up');
  await expect(page.getByTestId('source-result-missing-rules')).toContainText('vmalert');
  await shell.goTo('targets');
  await expect(
    page.locator(`[data-testid="targets-group"][data-job="${JOB}"]`).getByTestId('target-row'),
  ).toHaveAttribute('data-health', 'up', { timeout: 30_000 });
  await shell.goTo('alerts');
  await expect(page.getByTestId('source-rules-unavailable')).toContainText('vmalert', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('alerts-error')).toHaveCount(0);
  await expectNoPassword();
  await shell.dismissToasts();
  await shot('source-victoria-metrics');
});

test('a source without a targets API: Targets shows its note and does not ask on every refresh', async () => {
  // Grafana Mimir is not installed here: a stand-in on loopback serves what Mimir's HTTP API
  // documents under /prometheus (https://grafana.com/docs/mimir/latest/references/http-api/),
  // passing those calls to the real VictoriaMetrics, and answers 404 to the rest as Mimir does.
  const served =
    /^\/prometheus(\/api\/v1\/(query|query_range|series|labels|label\/[^/]+\/values|metadata|rules|status\/buildinfo))(\?.*)?$/;
  const mimir: Server = createServer((req, res) => {
    const m = served.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
      return;
    }
    const upstream = httpRequest(
      `${vm.url}${m[1]}${m[3] ?? ''}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => mimir.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(mimir.address() as AddressInfo).port}/prometheus`;
  try {
    await fillExisting(url, 'none');
    await page.getByTestId('source-save').click();
    await expect(page.getByTestId('source-result-health')).toHaveText('up');
    await expect(page.getByTestId('source-result-missing-targets')).toContainText('Mimir');
    // Every getTargets the page sends from here on is counted.
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/rpc/getTargets')) asked.push(r.url());
    });
    await shell.goTo('targets');
    await expect(page.getByTestId('targets-unavailable-note')).toContainText('Mimir');
    await page.getByTestId('targets-refresh').click();
    await page.getByTestId('targets-refresh').click();
    await expect(page.getByTestId('targets-error')).toHaveCount(0);
    await expect(page.getByTestId('targets-table')).toHaveCount(0);
    expect(asked).toEqual([]);
    await expectNoPassword();
  } finally {
    await new Promise<void>((resolve) => mimir.close(() => resolve()));
  }
});
