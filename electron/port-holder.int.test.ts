// The embedded server's port held by someone else, through the built `peak-watch headless` (the
// app without a window): a real second MetricsServer with instrumentation on (its /metrics carries
// peak_trade_*, as the Peak_Trade web app's does) is offered as an instance, and one call watches
// it and moves the console's server to a free port; a plain HTTP server on the port gets no offer.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope, ServerStatus, SettingsUpdateResult } from '../shared/api';
import type { Settings } from '../shared/settings';
import { nativeStackSettings, startHeadless, type HeadlessApp } from './clients-testing';
import { MetricsServer } from './services/metrics-server';

let dataDir: string;
let app: HeadlessApp | null = null;
let holder: { port: number; stop: () => Promise<void> } | null = null;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pw-port-holder-'));
});

afterEach(async () => {
  await app?.kill();
  app = null;
  await holder?.stop();
  holder = null;
  await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
});

/** Another Peak_Trade-shaped server: instrumentation on, so /metrics carries peak_trade_http_*. */
async function appLikeHolder(): Promise<{ port: number; stop: () => Promise<void> }> {
  const server = new MetricsServer({
    host: '127.0.0.1',
    port: 0,
    enabled: true,
    strict: false,
    token: null,
  });
  await server.start();
  return { port: server.address!.port, stop: () => server.stop() };
}

/** Something else on the port: answers HTTP, but nothing like the app's metrics. */
async function plainHolder(): Promise<{ port: number; stop: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('# HELP up 1 when up\n# TYPE up gauge\nup 1\nsome_other_app_requests_total 3\n');
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('the server port held by what looks like the Peak_Trade web app', () => {
  it('is named in the status, and watchPortHolder watches it and moves the server in one step', async () => {
    holder = await appLikeHolder();
    const prometheusPort = await nativeStackSettings(dataDir, { server: { port: holder.port } });
    app = await startHeadless(dataDir);
    const target = `127.0.0.1:${holder.port}`;

    const before = await app.call<ServerStatus>('getServerStatus');
    expect(before.listening).toBe(false);
    expect(before.portHolder?.target).toBe(target);
    expect(before.portHolder?.looksLikeApp).toBe(true);
    const offered = before.portHolder?.suggestedPort ?? 0;
    expect(offered).toBeGreaterThan(0);
    expect(offered).not.toBe(holder.port);
    expect(offered).not.toBe(prometheusPort);
    expect(before.error).toContain(
      `Port ${holder.port} is taken by what looks like the Peak_Trade web app`,
    );
    expect(before.error).toContain(`move Peak Watch's server to port ${offered}`);

    const result = await app.call<SettingsUpdateResult>('watchPortHolder');
    const moved = result.settings.server.port;
    expect(moved).not.toBe(holder.port);
    expect(result.settings.stack.instances).toEqual([{ target, tokenFile: '' }]);
    expect(result.applied).toContain(`watching ${target} as an instance of the app`);
    expect(result.applied).toContain(`server moved to http://127.0.0.1:${moved}`);

    // Saved in one write: what the next start reads.
    const onDisk = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as Settings;
    expect(onDisk.server.port).toBe(moved);
    expect(onDisk.stack.instances).toEqual([{ target, tokenFile: '' }]);

    const after = await app.call<ServerStatus>('getServerStatus');
    expect(after.listening).toBe(true);
    expect(after.port).toBe(moved);
    expect(after.portHolder).toBeNull();
    expect(after.error).toBeNull();
    const served = await fetch(`http://127.0.0.1:${moved}/metrics`);
    expect(served.status).toBe(200);
    // The holder is untouched: still the app, still answering on its port.
    const held = await fetch(`http://127.0.0.1:${holder.port}/metrics`);
    expect(await held.text()).toContain('peak_trade_http_requests_total');
  });

  it('an instance already listed is not added twice', async () => {
    holder = await appLikeHolder();
    const target = `127.0.0.1:${holder.port}`;
    await nativeStackSettings(dataDir, {
      server: { port: holder.port },
      stack: { instances: [{ target, tokenFile: '' }] },
    });
    app = await startHeadless(dataDir);
    const result = await app.call<SettingsUpdateResult>('watchPortHolder');
    expect(result.settings.stack.instances).toEqual([{ target, tokenFile: '' }]);
    expect(result.applied).toContain(`${target} is already watched as an instance`);
    expect((await app.call<ServerStatus>('getServerStatus')).listening).toBe(true);
  });
});

describe('moving a listening server onto a port the app holds', () => {
  it('is refused with the app named, the server keeps serving, and the fix fits Settings', async () => {
    holder = await appLikeHolder();
    await nativeStackSettings(dataDir);
    app = await startHeadless(dataDir);
    const before = await app.call<ServerStatus>('getServerStatus');
    expect(before.listening).toBe(true);

    // The raw envelope: the fix is what the Settings pane shows under the message.
    const res = await fetch(`${app.base}/rpc/updateSettings`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${app.token}`,
        'x-peak-watch': '1',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ server: { port: holder.port } }),
    });
    const envelope = (await res.json()) as Envelope<unknown>;
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.message).toContain(
      `Port ${holder.port} is taken by what looks like the Peak_Trade web app`,
    );
    // No button on the Overview while the server listens elsewhere: the fix says what to set.
    expect(envelope.error.fix).not.toContain('Overview');
    expect(envelope.error.fix).toMatch(
      new RegExp(`^Choose another port.*peak-watch instances add 127\\.0\\.0\\.1:${holder.port}$`),
    );
    const after = await app.call<ServerStatus>('getServerStatus');
    expect(after.listening).toBe(true);
    expect(after.portHolder).toBeNull();
  });
});

describe('the server port held by something that is not the app', () => {
  it('keeps the plain "already in use" message and offers nothing', async () => {
    holder = await plainHolder();
    await nativeStackSettings(dataDir, { server: { port: holder.port } });
    app = await startHeadless(dataDir);

    const status = await app.call<ServerStatus>('getServerStatus');
    expect(status.listening).toBe(false);
    expect(status.portHolder).toEqual({
      target: `127.0.0.1:${holder.port}`,
      looksLikeApp: false,
      suggestedPort: null,
    });
    expect(status.error).toBe(
      `Port ${holder.port} on 127.0.0.1 is already in use — Stop the program holding it or choose another port in Settings → Server port`,
    );
    await expect(app.call('watchPortHolder')).rejects.toThrow(
      `watchPortHolder: no-port-holder: Port ${holder.port} is not held by the Peak_Trade web app`,
    );
    const settings = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as Settings;
    expect(settings.server.port).toBe(holder.port);
    expect(settings.stack.instances ?? []).toEqual([]);
  });

  it('a server that is listening has no holder and nothing to watch', async () => {
    await nativeStackSettings(dataDir);
    app = await startHeadless(dataDir);
    const status = await app.call<ServerStatus>('getServerStatus');
    expect(status.listening).toBe(true);
    expect(status.portHolder).toBeNull();
    await expect(app.call('watchPortHolder')).rejects.toThrow(/no-port-holder: .*is listening/);
  });
});
