// Quitting the app (headless, SIGTERM) with the native runtime: onQuit 'stop' ends the detached
// Prometheus, 'leave' leaves it running and the next app adopts it. Real processes throughout.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StackStatus } from '../shared/api';
import {
  nativePrometheusPid,
  nativeStackSettings,
  peakWatch,
  prometheusOf,
  startHeadless,
  type HeadlessApp,
} from './clients-testing';
import { pidAlive } from './services/stack/process-identity';
import { PROMETHEUS_BIN, requireBinary, skipWithout } from './services/prometheus/testing';

const dirs: string[] = [];
const pids = new Set<number>();

async function folder(onQuit: 'stop' | 'leave'): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pw-quit-'));
  dirs.push(dataDir);
  await nativeStackSettings(dataDir, { stack: { onQuit } });
  return dataDir;
}

async function appWithStack(dataDir: string): Promise<{ app: HeadlessApp; prom: number }> {
  const app = await startHeadless(dataDir);
  pids.add(app.pid);
  const status = await app.call<StackStatus>('startStack');
  expect(prometheusOf(status)?.state).toBe('running');
  const prom = await nativePrometheusPid(dataDir);
  pids.add(prom);
  return { app, prom };
}

afterAll(async () => {
  for (const d of dirs) peakWatch(['stack', 'down', '--data-dir', d]);
  for (const pid of pids) if (await pidAlive(pid)) process.kill(pid, 'SIGKILL');
  for (const d of dirs) await rm(d, { recursive: true, force: true });
}, 60_000);

describe.skipIf(skipWithout(PROMETHEUS_BIN))('quitting the app with the native runtime', () => {
  it("onQuit 'stop': quitting ends the detached Prometheus", async () => {
    requireBinary(PROMETHEUS_BIN);
    const { app, prom } = await appWithStack(await folder('stop'));
    await app.kill('SIGTERM');
    expect(await pidAlive(prom)).toBe(false);
  }, 90_000);

  it("onQuit 'leave': Prometheus outlives the app, and the next app adopts it", async () => {
    requireBinary(PROMETHEUS_BIN);
    const dataDir = await folder('leave');
    const { app, prom } = await appWithStack(dataDir);
    await app.kill('SIGTERM');
    expect(await pidAlive(prom)).toBe(true);
    const next = await startHeadless(dataDir);
    pids.add(next.pid);
    try {
      expect(prometheusOf(await next.call<StackStatus>('getStackStatus'))?.state).toBe('running');
      const again = await next.call<StackStatus>('startStack');
      expect(prometheusOf(again)?.state).toBe('running');
      expect(await nativePrometheusPid(dataDir)).toBe(prom);
    } finally {
      await next.kill('SIGTERM');
    }
  }, 90_000);
});
