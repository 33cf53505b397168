// Start, stop, errors the settings pane shows, and the status the console renders.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerStatus } from '../../../shared/api';
import { ConsoleError } from '../../../shared/api';
import { MetricsServer } from './metrics-server';
import { startServer, stopAllServers } from './testing';

afterEach(stopAllServers);

const options = { enabled: false, strict: false, token: null };

async function startError(server: MetricsServer): Promise<ConsoleError> {
  try {
    await server.start();
  } catch (err) {
    if (err instanceof ConsoleError) return err;
    throw err;
  }
  throw new Error('start() succeeded where it should have failed');
}

describe('starting', () => {
  it('a taken port fails with port-in-use naming the port, and status carries it', async () => {
    const { port } = await startServer();
    const second = new MetricsServer({ host: '127.0.0.1', port, ...options });
    const seen: ServerStatus[] = [];
    second.onStatusChange((s) => seen.push(s));
    const err = await startError(second);
    expect(err.code).toBe('port-in-use');
    expect(err.message).toBe(`Port ${port} on 127.0.0.1 is already in use`);
    expect(err.fix).toBe(
      'Stop the program holding it or choose another port in Settings → Server port',
    );
    expect(err.message).not.toMatch(/\n\s+at /);
    expect(second.status()).toMatchObject({ listening: false, url: '' });
    expect(second.status().error).toContain(`Port ${port}`);
    expect(seen.at(-1)?.error).toContain('already in use');
    expect(second.address).toBeNull();
  });

  it('an address of another machine fails with address-unavailable', async () => {
    // 192.0.2.1 is TEST-NET-1: bind() fails locally, no packet is ever sent.
    const server = new MetricsServer({ host: '192.0.2.1', port: 0, ...options, token: 't' });
    const err = await startError(server);
    expect(err.code).toBe('address-unavailable');
    expect(err.message).toContain('192.0.2.1');
  });

  it('a port outside 0–65535 is refused when constructing', () => {
    expect(() => new MetricsServer({ host: '127.0.0.1', port: 70_000, ...options })).toThrow(
      /not a TCP port/,
    );
  });

  it('reports the bound port, URL and start time after starting on port 0', async () => {
    const { server, port } = await startServer();
    expect(port).toBeGreaterThan(0);
    expect(server.address).toEqual({ host: '127.0.0.1', port });
    const status = server.status();
    expect(status).toMatchObject({
      listening: true,
      url: `http://127.0.0.1:${port}`,
      port,
      error: null,
      requiresToken: false,
    });
    expect(Date.parse(status.startedAt ?? '')).not.toBeNaN();
  });

  it('start() twice is harmless and keeps one listener', async () => {
    const { server, base } = await startServer();
    await server.start();
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('serves again after stop() and start()', async () => {
    const { server } = await startServer();
    await server.stop();
    expect(server.status().listening).toBe(false);
    await server.start();
    const port = server.address?.port ?? 0;
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
  });
});

describe('stopping', () => {
  const closed = (socket: Socket): Promise<void> => {
    socket.on('error', () => undefined); // being cut off may arrive as a reset: that is the point
    return new Promise((resolve) => socket.once('close', () => resolve()));
  };

  it(
    'closes keep-alive and half-sent connections instead of waiting for them',
    { timeout: 4000 }, // the server's own timeouts are 5 s (keep-alive) and 10 s (headers)
    async () => {
      const { server, port } = await startServer();
      const idle = connect(port, '127.0.0.1');
      const idleClosed = closed(idle);
      const answered = new Promise<void>((resolve) => idle.once('data', () => resolve()));
      idle.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
      await answered;
      const halfSent = connect(port, '127.0.0.1');
      const halfClosed = closed(halfSent);
      await new Promise<void>((resolve) => halfSent.once('connect', () => resolve()));
      halfSent.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n');

      await server.stop();
      await Promise.all([idleClosed, halfClosed]);
      expect(server.status().listening).toBe(false);
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    },
  );
});

describe('status and its events', () => {
  it('fires on start, flag change and stop — not per request', async () => {
    const server = new MetricsServer({ host: '127.0.0.1', port: 0, ...options });
    const seen: ServerStatus[] = [];
    const unsubscribe = server.onStatusChange((s) => seen.push(s));
    await server.start();
    const base = `http://127.0.0.1:${server.address?.port ?? 0}`;
    await fetch(`${base}/api/runs`);
    await fetch(`${base}/health`);
    server.setFlags({ enabled: true });
    server.setFlags({ enabled: true }); // no change, no event
    server.setFlags({ strict: true });
    await server.stop();
    expect(seen.map((s) => [s.listening, s.enabled, s.strict])).toEqual([
      [true, false, false],
      [true, true, false],
      [true, true, true],
      [false, true, true],
    ]);
    unsubscribe();
    await server.start();
    expect(seen).toHaveLength(4);
    await server.stop();
  });

  it('counts every request served, whether instrumentation is on or off', async () => {
    const { server, base } = await startServer({ enabled: false });
    await fetch(`${base}/api/runs`);
    await fetch(`${base}/nope`);
    await fetch(`${base}/api/runs`, { method: 'POST' });
    expect(server.status().requestsServed).toBe(3);
    server.setFlags({ enabled: true });
    await fetch(`${base}/metrics`);
    expect(server.status().requestsServed).toBe(4);
  });

  it('lists the route templates it serves', async () => {
    const { server } = await startServer();
    expect(server.routes).toEqual([
      '/health',
      '/metrics',
      '/api/status',
      '/api/routes',
      '/api/runs',
      '/api/runs/:id',
    ]);
  });

  it('a listener that throws does not stop the server or other listeners', async () => {
    const server = new MetricsServer({ host: '127.0.0.1', port: 0, ...options });
    let calls = 0;
    server.onStatusChange(() => {
      throw new Error('listener bug');
    });
    server.onStatusChange(() => (calls += 1));
    await server.start();
    expect(calls).toBe(1);
    await server.stop();
  });
});
