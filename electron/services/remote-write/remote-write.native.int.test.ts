// Long-term storage on real parts: the console core starts Debian's prometheus (native runtime),
// which scrapes the real embedded server and remote-writes to Debian's victoria-metrics — once
// without auth, once behind VictoriaMetrics' basic auth with the right and a wrong password.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeStackSettings } from '../../clients-testing';
import type { RemoteWriteStatus } from '../../../shared/api';
import { createConsole, type ConsoleCore } from '../console';
import {
  basicAuthHeader,
  fetchManaged,
  PROMETHEUS_BIN,
  requireBinary,
  skipWithout,
  waitFor,
} from '../prometheus/testing';
import { startVictoriaMetrics, VICTORIA_METRICS_BIN } from '../source/testing';
import { NativeRuntime } from '../stack/native/native';

const RIGHT = 'Vm-Right-Pw.3kQ9zT';
const WRONG = 'Vm-Wrong-Pw.8bLm2R';
const VM_USER = 'writer';

interface Vm {
  url: string;
  auth: { username: string; password: string } | null;
  stop: () => Promise<void>;
}

/** A real VictoriaMetrics on a free loopback port, scraping nothing: it only receives writes. */
async function startVm(withAuth: boolean): Promise<Vm> {
  const auth = withAuth ? { username: VM_USER, password: RIGHT } : null;
  const vm = await startVictoriaMetrics({ jobs: [], ...(auth ? { basicAuth: auth } : {}) });
  return { url: vm.url, auth, stop: vm.stop };
}

function vmFetch(vm: Vm, path: string): Promise<Response> {
  return fetch(vm.url + path, {
    headers: vm.auth ? { authorization: basicAuthHeader(vm.auth) } : {},
  });
}

async function vmSeries(vm: Vm, query: string): Promise<Record<string, string>[]> {
  const r = await vmFetch(vm, `/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await r.json()) as { data: { result: { metric: Record<string, string> }[] } };
  return body.data.result.map((s) => s.metric);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe.skipIf(skipWithout(PROMETHEUS_BIN) || skipWithout(VICTORIA_METRICS_BIN))(
  'remote_write from the managed Prometheus to VictoriaMetrics',
  () => {
    let root: string;
    let dataDir: string;
    let core: ConsoleCore;
    let open: Vm;
    let guarded: Vm;

    const statusOf = async (url: string): Promise<RemoteWriteStatus | undefined> =>
      (await core.api.getRemoteWriteStatus()).find((s) => s.url === url);

    beforeAll(async () => {
      requireBinary(PROMETHEUS_BIN);
      requireBinary(VICTORIA_METRICS_BIN);
      root = await mkdtemp(join(tmpdir(), 'pw-remote-write-'));
      dataDir = join(root, 'data');
      open = await startVm(false);
      guarded = await startVm(true);
      await nativeStackSettings(dataDir, {
        server: { enabled: true },
        stack: { scrapeIntervalSeconds: 1 },
      });
      const native = new NativeRuntime({ settings: () => core.settings() });
      core = await createConsole({ dataDir, drivers: { native } });
      await core.api.startStack();
    }, 90_000);

    afterAll(async () => {
      await core?.close({ stopStack: true });
      await Promise.all([open, guarded].map((vm) => vm?.stop()));
      await rm(root, { recursive: true, force: true });
    });

    it('reports nothing while no receiver is configured', async () => {
      expect(await core.api.getRemoteWriteStatus()).toEqual([]);
    });

    it("sends the watched app's series, readable from VictoriaMetrics, and reports ok", async () => {
      const url = `${open.url}/api/v1/write`;
      const after = await core.api.addRemoteWrite({ url, auth: 'none' });
      expect(after.map((s) => s.url)).toEqual([url]);
      const receiver = core.settings().stack.remoteWrite[0];
      expect(receiver?.id).toMatch(/^[a-z0-9]{8}$/);
      const config = await fetchManaged(
        dataDir,
        `http://127.0.0.1:${core.settings().stack.prometheusPort}/api/v1/status/config`,
      ).then((r) => r.json() as Promise<{ data: { yaml: string } }>);
      expect(config.data.yaml).toContain(url);

      const series = await waitFor(
        'up{job="peak_trade_web"} in VictoriaMetrics',
        async () => {
          const found = await vmSeries(open, 'up{job="peak_trade_web"}');
          return found.length ? found : undefined;
        },
        60_000,
        500,
      );
      expect(series[0]?.instance).toBe(`127.0.0.1:${core.settings().server.port}`);

      const ok = await waitFor(
        'the receiver ok',
        async () => {
          const s = await statusOf(url);
          return s?.health === 'ok' ? s : undefined;
        },
        60_000,
        500,
      );
      expect(ok.samplesSentTotal).toBeGreaterThan(0);
      expect(ok.samplesFailedTotal).toBe(0);
      expect(ok.lastSendAt).not.toBeNull();
      expect(ok.auth).toBe('no auth');
      expect(ok.detail).toBeNull();
    }, 130_000);

    it('behind basic auth: the right password is ok, a wrong one is failing with a 401 in words', async () => {
      const right = `${guarded.url}/api/v1/write`;
      // The same VictoriaMetrics under its other write path: a second receiver, a wrong password.
      const wrong = `${guarded.url}/prometheus/api/v1/write`;
      await core.api.addRemoteWrite({ url: right, auth: 'basic', user: VM_USER, secret: RIGHT });
      await core.api.addRemoteWrite({ url: wrong, auth: 'basic', user: VM_USER, secret: WRONG });

      const good = await waitFor(
        'the right password ok',
        async () => {
          const s = await statusOf(right);
          return s?.health === 'ok' ? s : undefined;
        },
        60_000,
        500,
      );
      expect(good.samplesSentTotal).toBeGreaterThan(0);
      expect(good.auth).toBe(`basic auth as ${VM_USER}`);
      const bad = await waitFor(
        'the wrong password failing',
        async () => {
          const s = await statusOf(wrong);
          return s?.health === 'failing' && s.detail?.includes('401') ? s : undefined;
        },
        60_000,
        500,
      );
      expect(bad.detail).toMatch(/refused the credentials \(HTTP 401\)/);
      expect(bad.detail).toMatch(/remote-write add URL/);
      expect(bad.samplesFailedTotal).toBeGreaterThan(0);
      // The right password wrote the series (readable a moment after it lands).
      await waitFor(
        'up{job="peak_trade_web"} in the guarded VictoriaMetrics',
        async () =>
          (await vmSeries(guarded, 'up{job="peak_trade_web"}')).length ? true : undefined,
        30_000,
        500,
      );

      // The passwords are in no file but each one's secret and its 0640 copy: not settings.json,
      // prometheus.yml, the compose file, .env or Prometheus's log.
      const ids = Object.fromEntries(
        core.settings().stack.remoteWrite.map((r) => [r.url, r.id] as const),
      );
      const allowed = (secret: string): string[] => {
        const id = secret === RIGHT ? ids[right] : ids[wrong];
        return [`secrets/remote-write-${id}`, `stack/prometheus/secrets/remote-write-${id}`];
      };
      const files = await filesUnder(dataDir);
      expect(files.some((f) => f.endsWith('prometheus.log'))).toBe(true);
      for (const secret of [RIGHT, WRONG]) {
        const holding: string[] = [];
        for (const file of files) {
          if (file.includes(`${sep}native${sep}prometheus${sep}`)) continue; // the TSDB itself
          if ((await readFile(file, 'utf8')).includes(secret))
            holding.push(relative(dataDir, file).split(sep).join('/'));
        }
        expect(holding.sort()).toEqual(allowed(secret).sort());
      }
    }, 150_000);

    it('preflight names the failing receiver with its last error', async () => {
      const report = await core.api.runPreflight({ only: 'remote-write' });
      const check = report.checks.find((c) => c.id === 'remote-write');
      expect(check?.status).toBe('fail');
      expect(check?.observed).toMatch(/prometheus\/api\/v1\/write.*401/);
      expect(check?.fix).toMatch(/remote-write add URL/);
    });

    it('the right password given again for the failing receiver makes it ok, its old secret gone', async () => {
      const wrong = `${guarded.url}/prometheus/api/v1/write`;
      const old = core.settings().stack.remoteWrite.find((r) => r.url === wrong)?.id ?? '';
      await core.api.addRemoteWrite({ url: wrong, auth: 'basic', user: VM_USER, secret: RIGHT });
      expect(core.settings().stack.remoteWrite.map((r) => r.url)).toEqual([
        `${open.url}/api/v1/write`,
        `${guarded.url}/api/v1/write`,
        wrong,
      ]);
      expect(existsSync(join(dataDir, 'secrets', `remote-write-${old}`))).toBe(false);
      const fixed = await waitFor(
        'the corrected receiver ok',
        async () => {
          const s = await statusOf(wrong);
          return s?.health === 'ok' ? s : undefined;
        },
        60_000,
        500,
      );
      expect(fixed.samplesFailedTotal).toBe(0);
    }, 90_000);

    it('removes a receiver and both its secret files', async () => {
      const wrong = `${guarded.url}/prometheus/api/v1/write`;
      const id = core.settings().stack.remoteWrite.find((r) => r.url === wrong)?.id ?? '';
      const after = await core.api.removeRemoteWrite({ url: wrong });
      expect(after.map((s) => s.url)).not.toContain(wrong);
      expect(existsSync(join(dataDir, 'secrets', `remote-write-${id}`))).toBe(false);
      expect(
        existsSync(join(dataDir, 'stack', 'prometheus', 'secrets', `remote-write-${id}`)),
      ).toBe(false);
      const yml = await readFile(join(dataDir, 'stack', 'prometheus.native.yml'), 'utf8');
      expect(yml).not.toContain(wrong);
      await expect(core.api.removeRemoteWrite({ url: wrong })).rejects.toThrow(
        /No receiver has the URL/,
      );
    });

    it('a retention change restarts Prometheus with the new flag', async () => {
      const flags = async (): Promise<Record<string, string>> =>
        (
          (await fetchManaged(
            dataDir,
            `http://127.0.0.1:${core.settings().stack.prometheusPort}/api/v1/status/flags`,
          ).then((r) => r.json())) as { data: Record<string, string> }
        ).data;
      expect((await flags())['storage.tsdb.retention.time']).toBe('15d');
      const result = await core.api.updateSettings({
        stack: { retentionTime: '30d', retentionSize: '1GB' },
      });
      expect(result.applied).toContain('stack restarted with the new settings');
      const now = await flags();
      expect(now['storage.tsdb.retention.time']).toBe('30d');
      // Prometheus shows the size in binary units.
      expect(now['storage.tsdb.retention.size']).toBe('1GiB');
    }, 90_000);
  },
);
