// An existing Prometheus behind basic auth as the console's source, on real parts: Debian's
// prometheus with a --web.config.file (bcrypt hash made here) scraping the console's own embedded
// server as the Peak_Trade compose stack names the app's job (peak_trade_uvicorn), and the whole core around it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../../shared/api';
import { createConsole, type ConsoleCore } from '../console';
import { PROMETHEUS_BIN, rejection, skipWithout, waitFor } from '../prometheus/testing';
import { SettingsStore } from '../settings-store';
import { filesContaining, startSourcePrometheus, type RunningSource } from './testing';

const skip = skipWithout(PROMETHEUS_BIN);

const PASSWORD = 'Src-Pw-7f3a9c1e-only-in-secrets';
const WRONG = 'Wrong-Pw-2b8d4e6f-never-stored';

describe.skipIf(skip)('an existing Prometheus behind basic auth', () => {
  let core: ConsoleCore;
  let dataDir: string;
  let prom: RunningSource;
  const pushed: SourceStatus[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pw-src-prom-'));
    const store = new SettingsStore(dataDir);
    await store.load();
    await store.update({ server: { enabled: true } });
    core = await createConsole({ dataDir, metricsPort: 0, watchStack: false });
    core.api.on('source', (s) => pushed.push(s));
    const server = core.server().status();
    const target = new URL(server.url).host;
    prom = await startSourcePrometheus({
      user: 'alice',
      password: PASSWORD,
      jobs: [{ job: 'peak_trade_uvicorn', targets: [target] }],
    });
    // The app's counter has series once it served a request.
    for (let i = 0; i < 3; i++) await fetch(`${server.url}/health`).catch(() => undefined);
  });

  afterAll(async () => {
    await core?.close();
    await prom?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('saves a wrong password anyway and says the source refused alice (401), naming the fix', async () => {
    const status = await core.api.useSource({
      kind: 'existing',
      url: prom.url,
      auth: 'basic',
      user: 'alice',
      secret: WRONG,
    });
    errors.push(JSON.stringify(status));
    expect(status.health).toBe('unauthorized');
    expect(status.error?.code).toBe('prometheus-unauthorized');
    expect(status.error?.message).toBe(
      `The source at ${prom.url} refused the credentials for alice (HTTP 401).`,
    );
    expect(status.error?.fix).toContain(
      `peak-watch source use ${prom.url} --user alice --password-stdin`,
    );
    expect(status.error?.fix).toContain('Settings → Source');
    expect(status.auth).toBe('basic auth as alice');
    // Saved (Grafana's Save & test): the settings name the source, the secret is in secrets/.
    expect(core.settings().source).toMatchObject({
      kind: 'existing',
      url: prom.url,
      user: 'alice',
    });
    const query = await rejection(core.api.query({ query: 'up' }));
    errors.push(query.message, query.fix ?? '');
    expect(query.code).toBe('prometheus-unauthorized');
    expect(query.message).toContain('alice');
  });

  it('a Test with the right password saves nothing', async () => {
    const status = await core.api.testSource({
      kind: 'existing',
      url: prom.url,
      auth: 'basic',
      user: 'alice',
      secret: PASSWORD,
    });
    errors.push(JSON.stringify(status));
    expect(status.health).toBe('up');
    expect((await readFile(join(dataDir, 'secrets', 'source-credential'), 'utf8')).trim()).toBe(
      WRONG,
    );
  });

  it('with the right password: up, Prometheus 2.42 with every API, the compose stack’s job found, queries answer', async () => {
    const status = await core.api.useSource({
      kind: 'existing',
      url: prom.url,
      auth: 'basic',
      user: 'alice',
      secret: PASSWORD,
    });
    errors.push(JSON.stringify(status));
    expect(status.health, JSON.stringify(status.error)).toBe('up');
    expect(status.product).toMatch(/^Prometheus 2\.\d+/);
    // Debian's build serves the classic UI where the root redirects to.
    expect(status.uiUrl).toBe(`${prom.url}/classic/graph`);
    expect(await core.api.openExternal({ target: 'prometheus' })).toEqual({
      url: `${prom.url}/classic/graph`,
    });
    for (const cap of Object.values(status.capabilities))
      expect(cap).toEqual({ available: true, note: '' });
    expect(status.scrapeIntervalSeconds).toBe(1);
    expect(pushed.at(-1)).toEqual(status);
    // The job appears once Prometheus scraped the app after its requests.
    const found = await waitFor('the job detected', async () => {
      const s = await core.api.getSourceStatus();
      return s.job.detected.length ? s : undefined;
    });
    expect(found.job).toMatchObject({
      detected: ['peak_trade_uvicorn'],
      effective: 'peak_trade_uvicorn',
      note: 'detected from the source',
    });
    const up = await core.api.query({ query: 'up{job="peak_trade_uvicorn"}' });
    expect(up.resultType === 'vector' && up.result[0]?.value[1]).toBe('1');
    const targets = await core.api.getTargets();
    expect(targets.map((t) => t.job)).toContain('peak_trade_uvicorn');
  });

  it('keeps the stored password for the same URL and user, and refuses to send it to another user or origin', async () => {
    const same = await core.api.useSource({
      kind: 'existing',
      url: `${prom.url}/`,
      auth: 'basic',
      user: 'alice',
    });
    expect(same.health).toBe('up');
    const otherUser = await rejection(
      core.api.useSource({ kind: 'existing', url: prom.url, auth: 'basic', user: 'bob' }),
    );
    errors.push(otherUser.message, otherUser.fix ?? '');
    expect(otherUser.code).toBe('source-secret-needed');
    expect(otherUser.message).toContain('needs its password for bob');
    const otherOrigin = await rejection(
      core.api.useSource({
        kind: 'existing',
        url: `http://localhost:${prom.port}`,
        auth: 'basic',
        user: 'alice',
      }),
    );
    expect(otherOrigin.code).toBe('source-secret-needed');
    // Refused before anything was saved: still the working source.
    expect((await core.api.getSourceStatus()).health).toBe('up');
  });

  it('the password is in no file but secrets/source-credential, and in no status or message', async () => {
    expect(await filesContaining(dataDir, PASSWORD)).toEqual(['secrets/source-credential']);
    expect(await filesContaining(dataDir, WRONG)).toEqual([]);
    errors.push(JSON.stringify(await core.api.getSourceStatus()));
    errors.push(JSON.stringify(await core.api.getSettings()));
    errors.push(JSON.stringify(await core.api.runPreflight()));
    for (const text of [...errors, ...pushed.map((p) => JSON.stringify(p))]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(WRONG);
    }
  });

  it('back to managed: the credential is removed with the source it belonged to', async () => {
    const status = await core.api.useSource({ kind: 'managed' });
    expect(status.kind).toBe('managed');
    // Open Prometheus opens the managed Prometheus again, as the status says.
    const managedUrl = `http://127.0.0.1:${core.settings().stack.prometheusPort}`;
    expect(status.uiUrl).toBe(managedUrl);
    expect(await core.api.openExternal({ target: 'prometheus' })).toEqual({ url: managedUrl });
    expect(core.settings().source).toMatchObject({ kind: 'managed', url: '', user: '' });
    expect(await filesContaining(dataDir, PASSWORD)).toEqual([]);
  });
});
