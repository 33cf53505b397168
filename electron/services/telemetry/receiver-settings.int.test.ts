// The receiver follows its settings live in the app a user runs (the build): a taken port is a
// status error naming the fix while the app keeps serving, a new port binds, off closes it.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerStatus } from '../../../shared/api';
import type { TelemetryStatus } from '../../../shared/contract/telemetry';
import { freePort } from '../prometheus/testing';
import { startTelemetryApp, type TelemetryApp } from './testing';

let holder: Server;
let takenPort: number;
let t: TelemetryApp;

/** The receiver rebinds after the settings are saved (the `telemetry` event follows): a bounded
 * wait for the status that says so. */
async function statusWhere(ok: (s: TelemetryStatus) => boolean): Promise<TelemetryStatus> {
  let s = await t.status();
  for (let i = 0; i < 50 && !ok(s); i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    s = await t.status();
  }
  return s;
}

beforeAll(async () => {
  takenPort = await freePort();
  holder = createServer();
  await new Promise<void>((r) => holder.listen({ host: '127.0.0.1', port: takenPort }, r));
  t = await startTelemetryApp({ port: takenPort });
});
afterAll(async () => {
  await t?.app.kill();
  await new Promise((r) => holder?.close(r));
});

describe('telemetry settings applied live', () => {
  it('a taken port: the status says so and how to fix it; the app keeps serving', async () => {
    const status = await t.status();
    expect(status.listening).toBe(false);
    expect(status.error?.code).toBe('port-in-use');
    expect(status.error?.message).toMatch(new RegExp(`Port ${takenPort} on 127\\.0\\.0\\.1`));
    expect(status.error?.fix).toMatch(/telemetry\.port/);
    const server = await t.app.call<ServerStatus>('getServerStatus');
    expect(server.listening).toBe(true);
  });

  it('a free port binds at once, and off closes it', async () => {
    const port = await freePort();
    await t.app.call('updateSettings', { telemetry: { port } });
    const on = await statusWhere((s) => s.listening);
    expect(on).toMatchObject({
      listening: true,
      endpoint: `http://127.0.0.1:${port}`,
      error: null,
    });
    const posted = await fetch(`http://127.0.0.1:${port}/v1/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"resourceLogs":[]}',
    });
    expect(posted.status).toBe(200);
    await t.app.call('updateSettings', { telemetry: { enabled: false } });
    const off = await statusWhere((s) => !s.listening);
    expect(off).toMatchObject({ enabled: false, listening: false, endpoint: null });
    await expect(fetch(`http://127.0.0.1:${port}/v1/logs`, { method: 'POST' })).rejects.toThrow();
  });

  it('off loopback every export needs the instance token', async () => {
    const port = await freePort();
    await t.app.call('updateSettings', { telemetry: { enabled: true, host: '0.0.0.0', port } });
    const on = await statusWhere((s) => s.listening);
    expect(on).toMatchObject({ tokenRequired: true, endpoint: `http://127.0.0.1:${port}` });
    const post = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/v1/logs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{"resourceLogs":[]}',
      });
    const refused = await post({});
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { message: string }).message).toMatch(
      /needs the instance token/,
    );
    const wrong = await post({ authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    const ok = await post({ authorization: `Bearer ${await t.token()}` });
    expect(ok.status).toBe(200);
    expect((await t.status()).lastRejection?.code).toBe('unauthorized');
  });
});
