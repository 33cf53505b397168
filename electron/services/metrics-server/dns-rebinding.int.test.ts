// DNS rebinding: a page on evil.example whose name resolves to 127.0.0.1 reaches the loopback
// server with its own Host header. Bound to loopback, the server answers only loopback names.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { hostOfHeader } from './request-pipeline';
import { startServer, stopAllServers } from './testing';

afterEach(stopAllServers);

function get(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the loopback metrics server and foreign Host headers', () => {
  it('refuses /metrics and /api/ for a page on evil.example with 421', async () => {
    const { port } = await startServer({ enabled: true });
    for (const path of ['/metrics', '/api/status', '/health']) {
      const r = await get(port, path, `evil.example:${port}`);
      expect(r.status, path).toBe(421);
      expect(r.body).not.toMatch(/peak_trade|process_cpu/);
    }
    expect((await get(port, '/metrics', 'evil.example')).status).toBe(421);
  });

  it('still serves Prometheus scraping 127.0.0.1:<port>, and localhost and [::1]', async () => {
    const { port } = await startServer({ enabled: true });
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'localhost']) {
      const r = await get(port, '/metrics', host);
      expect(r.status, host).toBe(200);
    }
  });

  it('reads the host out of a Host header with or without a port', () => {
    expect(hostOfHeader('127.0.0.1:8000')).toBe('127.0.0.1');
    expect(hostOfHeader('[::1]:8000')).toBe('::1');
    expect(hostOfHeader('localhost')).toBe('localhost');
    expect(hostOfHeader('evil.example:80')).toBe('evil.example');
  });
});
