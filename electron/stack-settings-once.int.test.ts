// A settings change that touches the running stack, made with `peak-watch settings set` next to a
// running app (real processes on one data folder, Debian's prometheus): the CLI applies it — one
// reload, or one restart under the stack lock — and the app, which notices settings.json change,
// only follows. Before, both applied it: two restarts racing outside the lock.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SettingsView, StackStatus } from '../shared/api';
import { buildOutput } from './build-output';
import {
  nativePrometheusPid,
  nativeStackSettings,
  peakWatch,
  prometheusOf,
  startHeadless,
  type EventLog,
  type HeadlessApp,
} from './clients-testing';
import { pidAlive } from './services/stack/process-identity';
import {
  fetchManaged,
  freePort,
  PROMETHEUS_BIN,
  requireBinary,
  skipWithout,
  waitFor,
} from './services/prometheus/testing';

/** What the slow-to-stop stand-in writes to its log when SIGTERM reaches it. */
const SLOW_STOP = 'stand-in: SIGTERM, stopping slowly';

describe.skipIf(skipWithout(PROMETHEUS_BIN))(
  'a stack change from the CLI next to a running app',
  () => {
    let dataDir: string;
    let app: HeadlessApp | null = null;
    const pids = new Set<number>();
    const cli = (...args: string[]) => peakWatch([...args, '--data-dir', dataDir]);
    const nativeFile = (name: string) => join(dataDir, 'native', name);
    const statePid = () => nativePrometheusPid(dataDir);
    /** Prometheus's own log: one "Completed loading" per (re)load, one marker per process we start. */
    const logCount = async (pattern: RegExp): Promise<number> =>
      (await readFile(nativeFile('prometheus.log'), 'utf8')).match(pattern)?.length ?? 0;
    const reloads = () => logCount(/msg="Completed loading of configuration file"/g);
    const starts = () => logCount(/^--- peak-watch \S+: starting /gm);
    const slowStops = () => logCount(new RegExp(SLOW_STOP, 'g'));

    /** Records what the app pushes while `change` runs, until the app has pushed settings that
     * pass `noticed` — it pushes them once it has carried out its own part of the change. */
    async function whileApp(
      change: () => void,
      noticed: (s: SettingsView['settings']) => boolean,
    ): Promise<EventLog> {
      const log = await app!.record();
      change();
      await waitFor('the app to push the new settings', () =>
        Promise.resolve(log.of('settings').some((v) => noticed(v.settings)) || undefined),
      );
      await log.stop();
      return log;
    }
    /** What the user would see go wrong in the app: a warning with the settings, a stack error. */
    const troubles = (log: EventLog) => [
      ...log.of('settings').flatMap((v) => v.warnings),
      ...log.of('stackStatus').flatMap((s) => (s.lastError ? [s.lastError] : [])),
    ];

    beforeAll(async () => {
      requireBinary(PROMETHEUS_BIN);
      dataDir = await mkdtemp(join(tmpdir(), 'pw-stack-once-'));
      // Debian's prometheus, slow to stop as one with a big head block is (it writes it out on
      // SIGTERM): the app notices settings.json change while the CLI is still stopping it.
      const binary = join(dataDir, 'bin', 'prometheus');
      await mkdir(join(dataDir, 'bin'));
      await writeFile(
        binary,
        [
          '#!/bin/sh',
          `${PROMETHEUS_BIN} "$@" &`,
          'child=$!',
          `trap 'kill -HUP $child' HUP`,
          `trap 'echo "${SLOW_STOP}"; sleep 2; kill -TERM $child' TERM`,
          'while kill -0 $child 2>/dev/null; do wait $child; done',
        ].join('\n') + '\n',
      );
      await chmod(binary, 0o755);
      await nativeStackSettings(dataDir, {
        stack: { prometheusBinary: binary, scrapeIntervalSeconds: 1, onQuit: 'leave' },
      });
      app = await startHeadless(dataDir);
      pids.add(app.pid);
      const started = await app.call<StackStatus>('startStack');
      expect(prometheusOf(started)?.state).toBe('running');
      pids.add(await statePid());
    }, 90_000);

    afterAll(async () => {
      await app?.kill();
      cli('stack', 'down');
      for (const pid of pids) if (await pidAlive(pid)) process.kill(pid, 'SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }, 60_000);

    it('a scrape-interval change reloads Prometheus once, and the app shows the new interval', async () => {
      const before = await reloads();
      let out = '';
      const log = await whileApp(
        () => {
          const set = cli('settings', 'set', 'stack.scrapeIntervalSeconds', '3');
          expect(set.code, set.stderr).toBe(0);
          out = set.stdout;
        },
        (s) => s.stack.scrapeIntervalSeconds === 3,
      );
      expect(out).toContain('applied: Prometheus reloaded its scrape config');
      expect(await reloads(), 'Prometheus config reloads (its log)').toBe(before + 1);
      const status = await app!.call<StackStatus>('getStackStatus');
      const config = (await (
        await fetchManaged(dataDir, `${prometheusOf(status)?.url}/api/v1/status/config`)
      ).json()) as {
        data: { yaml: string };
      };
      expect(config.data.yaml).toMatch(/scrape_interval: 3s/);
      expect(prometheusOf(status)?.state).toBe('running');
      expect(troubles(log)).toEqual([]);
    }, 60_000);

    it('a scrape interval edited by hand in settings.json reaches the running Prometheus (no writer to apply it), once', async () => {
      const before = await reloads();
      const file = join(dataDir, 'settings.json');
      const log = await whileApp(
        () => {
          const raw = JSON.parse(readFileSync(file, 'utf8')) as { stack: Record<string, unknown> };
          raw.stack.scrapeIntervalSeconds = 2;
          writeFileSync(file, JSON.stringify(raw, null, 2));
        },
        (s) => s.stack.scrapeIntervalSeconds === 2,
      );
      const status = await app!.call<StackStatus>('getStackStatus');
      await waitFor('Prometheus to run with the hand-edited interval', async () => {
        const config = (await (
          await fetchManaged(dataDir, `${prometheusOf(status)?.url}/api/v1/status/config`)
        ).json()) as { data: { yaml: string } };
        return /scrape_interval: 2s/.test(config.data.yaml) || undefined;
      });
      expect(await reloads(), 'Prometheus config reloads (its log)').toBe(before + 1);
      expect(troubles(log)).toEqual([]);
    }, 60_000);

    it('a Prometheus port change restarts the stack once: one new pid, running in the app, no error', async () => {
      const oldPid = await statePid();
      const startsBefore = await starts();
      const port = await freePort();
      let out = '';
      const log = await whileApp(
        () => {
          const set = cli('settings', 'set', 'stack.prometheusPort', String(port));
          expect(set.code, set.stderr).toBe(0);
          out = set.stdout;
        },
        (s) => s.stack.prometheusPort === port,
      );
      expect(out).toContain('applied: stack restarted with the new settings');
      const pid = await statePid();
      pids.add(pid);
      expect(pid).not.toBe(oldPid);
      expect(await pidAlive(oldPid)).toBe(false);
      expect(await starts(), 'Prometheus processes started (its log)').toBe(startsBefore + 1);
      // The app's own poll shows it running on the new port, started once.
      const shown = await waitFor(
        'the app to show Prometheus running on the new port',
        async () => {
          const s = await app!.call<StackStatus>('getStackStatus');
          const p = prometheusOf(s);
          return p?.state === 'running' && p.url.endsWith(`:${port}`) ? s : undefined;
        },
      );
      expect(shown.lastError).toBeNull();
      expect(await statePid()).toBe(pid);
      expect(troubles(log)).toEqual([]);
    }, 90_000);

    it('the app holds Start while the CLI restarts the stack, naming it; the CLI killed halfway leaves the stack free, and the app’s Start runs it on the new port', async () => {
      const port = await freePort();
      const stopsBefore = await slowStops();
      const child = spawn(process.execPath, [
        buildOutput.cli,
        ...['settings', 'set', 'stack.prometheusPort', String(port), '--data-dir', dataDir],
      ]);
      const exited = new Promise((r) => child.once('exit', r));
      // The old Prometheus has its SIGTERM (it takes 2 s to go): the stop is part of the locked
      // restart, so the app shows the stack busy and no Start can slip in between.
      await waitFor('the CLI to stop Prometheus', async () =>
        (await slowStops()) > stopsBefore ? true : undefined,
      );
      const during = await app!.call<StackStatus>('getStackStatus');
      expect(during).toMatchObject({
        busy: 'starting',
        busyBy: `peak-watch CLI, pid ${child.pid}`,
      });
      expect(during.canStart.ok).toBe(false);
      child.kill('SIGKILL');
      await exited;
      // A dead holder's lock is stale: the stack is down (the old Prometheus had its SIGTERM),
      // not busy, and Start is offered — nobody else restarted it behind the user's back.
      let seen: StackStatus | null = null;
      const free = await waitFor('the app to show the stack down and free', async () => {
        const s = (seen = await app!.call<StackStatus>('getStackStatus'));
        const state = prometheusOf(s)?.state ?? '';
        return s.busy === null && ['stopped', 'exited'].includes(state) ? s : undefined;
      }).catch((err: Error) => {
        throw new Error(`${err.message}; last status: ${JSON.stringify(seen)}`);
      });
      expect(free.canStart).toMatchObject({ ok: true });
      const started = await app!.call<StackStatus>('startStack');
      pids.add(await statePid());
      expect(prometheusOf(started)).toMatchObject({ state: 'running' });
      expect(prometheusOf(started)?.url).toMatch(new RegExp(`:${port}$`));
      expect(started.lastError).toBeNull();
    }, 90_000);
  },
);
