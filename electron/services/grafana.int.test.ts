// Grafana is in neither registry this machine can reach: a node:http stand-in plays its
// /api/health, with the bodies a real Grafana 12 sends.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeGrafana } from './grafana';
import { freePort, rejection } from './prometheus/testing';

let server: Server | null = null;
const paths: string[] = [];

async function standIn(reply: (res: ServerResponse) => void): Promise<string> {
  server = createServer((req, res) => {
    paths.push(req.url ?? '');
    reply(res);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  paths.length = 0;
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = null;
});

const reply = (status: number, type: string, body: string) => (res: ServerResponse) => {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
};

describe('probeGrafana against a Grafana stand-in', () => {
  it('reads version and database from /api/health', async () => {
    const url = await standIn(
      reply(200, 'application/json', '{"commit":"abc123","database":"ok","version":"12.3.1"}'),
    );
    expect(await probeGrafana(url + '/')).toEqual({ version: '12.3.1', database: 'ok' });
    expect(paths).toEqual(['/api/health']);
  });

  it('reports a failing database as health, not as an error', async () => {
    const url = await standIn(
      reply(503, 'application/json', '{"commit":"abc123","database":"failing","version":"12.3.1"}'),
    );
    expect(await probeGrafana(url)).toEqual({ version: '12.3.1', database: 'failing' });
  });

  it('reports an HTML page as a bad response', async () => {
    const url = await standIn(reply(502, 'text/html', '<h1>502 Bad Gateway</h1>'));
    const err = await rejection(probeGrafana(url));
    expect(err.code).toBe('grafana-bad-response');
    expect(err.message).toMatch(/HTTP 502 .*502 Bad Gateway/);
  });

  it('reports JSON without a database status as a bad response', async () => {
    const url = await standIn(reply(200, 'application/json', '{"status":"success","data":[]}'));
    expect((await rejection(probeGrafana(url))).code).toBe('grafana-bad-response');
  });

  it('reports a stand-in that never answers as unreachable after the timeout', async () => {
    const url = await standIn(() => undefined);
    const err = await rejection(probeGrafana(url, { timeoutMs: 300 }));
    expect(err.code).toBe('grafana-unreachable');
    expect(err.message).toMatch(/did not answer within 0.3 s/);
  });
});

describe('probeGrafana with nothing listening', () => {
  it('is unreachable, with "Start the stack"', async () => {
    const port = await freePort();
    const err = await rejection(probeGrafana(`http://127.0.0.1:${port}`));
    expect(err.code).toBe('grafana-unreachable');
    expect(err.message).toMatch(/connection refused/);
    expect(err.fix).toMatch(/Start the stack/);
  });
});
