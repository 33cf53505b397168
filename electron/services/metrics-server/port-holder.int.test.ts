// The port-holder probe against real loopback servers: what counts as the Peak_Trade web app, and
// that a holder which hangs, streams without end or refuses costs a bounded look, not a hang.
import { createServer, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeHost, probePortHolder, servesAppMetrics, targetOf } from './port-holder';

const open: (Server | TcpServer)[] = [];

afterEach(async () => {
  for (const server of open.splice(0)) {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
  }
});

async function serve(handler: (res: ServerResponse, path: string) => void): Promise<number> {
  const server = createServer((req, res) => handler(res, req.url ?? ''));
  open.push(server);
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  return (server.address() as { port: number }).port;
}

const APP_METRICS =
  '# HELP peak_trade_http_requests_total Requests.\n# TYPE peak_trade_http_requests_total counter\n';

describe('servesAppMetrics', () => {
  it('is true for a 200 /metrics with a peak_trade_ family, even with only its HELP/TYPE lines', async () => {
    const port = await serve((res, path) => {
      res.writeHead(path === '/metrics' ? 200 : 404);
      res.end(path === '/metrics' ? APP_METRICS : '');
    });
    expect(await servesAppMetrics('127.0.0.1', port)).toBe(true);
  });

  it('is true for the fallback sample line alone', async () => {
    const port = await serve((res) => res.end('peak_trade_metrics_fallback 1\n'));
    expect(await servesAppMetrics('127.0.0.1', port)).toBe(true);
  });

  it('is false for other metrics, and for peak_trade_ only inside another line', async () => {
    const port = await serve((res) =>
      res.end('# HELP up 1\nup 1\nother{note="peak_trade_http_requests_total"} 1\n'),
    );
    expect(await servesAppMetrics('127.0.0.1', port)).toBe(false);
  });

  it('is false when /metrics refuses (401) even if the body names the app', async () => {
    const port = await serve((res) => {
      res.writeHead(401);
      res.end(APP_METRICS);
    });
    expect(await servesAppMetrics('127.0.0.1', port)).toBe(false);
  });

  it('reads a bounded prefix: an endless body without the app gives up (false)', async () => {
    const port = await serve((res) => {
      const line = `filler_metric{i="${'x'.repeat(200)}"} 1\n`;
      const pump = (): void => {
        while (res.write(line));
        res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    expect(await servesAppMetrics('127.0.0.1', port)).toBe(false);
  });

  it('gives up on a holder that accepts and never answers (false)', async () => {
    // Reads (so it sees the probe hang up) but never answers.
    const closed = new Promise<void>((resolve) => {
      const tcp = createTcpServer((socket) => {
        socket.resume();
        socket.once('close', () => resolve());
      });
      open.push(tcp);
    });
    const tcp = open.at(-1) as TcpServer;
    await new Promise<void>((resolve) => tcp.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (tcp.address() as { port: number }).port;
    expect(await servesAppMetrics('127.0.0.1', port)).toBe(false);
    await closed; // the probe hung up instead of leaving its socket open
  });

  it('is false when nothing listens', async () => {
    const port = await serve((res) => res.end(''));
    await new Promise<void>((resolve) => open.pop()!.close(() => resolve()));
    expect(await servesAppMetrics('127.0.0.1', port)).toBe(false);
  });
});

describe('probePortHolder', () => {
  it('names the target and a free port above it when the holder is the app', async () => {
    const port = await serve((res) => res.end(APP_METRICS));
    const holder = await probePortHolder('127.0.0.1', port, [port + 1]);
    expect(holder).toMatchObject({ target: `127.0.0.1:${port}`, looksLikeApp: true });
    expect(holder?.suggestedPort).not.toBe(port);
    expect(holder?.suggestedPort).not.toBe(port + 1);
    expect(holder?.suggestedPort).toBeGreaterThan(0);
  });

  it('offers no port when the holder is not the app', async () => {
    const port = await serve((res) => res.end('up 1\n'));
    expect(await probePortHolder('0.0.0.0', port)).toEqual({
      target: `127.0.0.1:${port}`,
      looksLikeApp: false,
      suggestedPort: null,
    });
  });

  it('never probes off loopback', async () => {
    expect(await probePortHolder('192.0.2.1', 8000)).toBeNull();
    expect(probeHost('evil.example')).toBeNull();
    expect(probeHost('localhost')).toBe('127.0.0.1');
    expect(probeHost('[::1]')).toBe('::1');
    expect(targetOf('::1', 8000)).toBe('[::1]:8000');
  });
});
