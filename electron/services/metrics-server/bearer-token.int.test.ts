// Off loopback, /metrics and /api/ are not open to the network: a bearer token is required
// (docs/SECURITY.md). 0.0.0.0 is a non-loopback bind that
// is still reachable on 127.0.0.1, so these tests stay on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleError } from '../../../shared/api';
import { MetricsServer } from './metrics-server';
import { startServer, stopAllServers } from './testing';

afterEach(stopAllServers);

const TOKEN = 'pw-test-token-4f1c2b';

describe('bearer token on a non-loopback bind', () => {
  it('refuses to construct on 0.0.0.0 without a token: token-required', () => {
    const construct = (): MetricsServer =>
      new MetricsServer({ host: '0.0.0.0', port: 0, enabled: false, strict: false, token: null });
    expect(construct).toThrow(ConsoleError);
    try {
      construct();
    } catch (err) {
      expect((err as ConsoleError).code).toBe('token-required');
      expect((err as ConsoleError).message).toContain('0.0.0.0');
      expect((err as ConsoleError).fix).toBeTruthy();
    }
  });

  it('an empty token counts as no token', () => {
    expect(
      () => new MetricsServer({ host: '::', port: 0, enabled: false, strict: false, token: '' }),
    ).toThrow(/token is required/);
  });

  for (const path of ['/metrics', '/api/status', '/api/runs/run-001', '/api/nope']) {
    it(`${path}: no token → 401, wrong token → 401, right token → answered`, async () => {
      const { base } = await startServer({ host: '0.0.0.0', token: TOKEN });
      const none = await fetch(`${base}${path}`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect(((await none.json()) as { error: string }).error).toMatch(/^unauthorized/);

      const wrong = await fetch(`${base}${path}`, {
        headers: { authorization: `Bearer ${TOKEN}x` },
      });
      expect(wrong.status).toBe(401);
      const basic = await fetch(`${base}${path}`, { headers: { authorization: `Basic ${TOKEN}` } });
      expect(basic.status).toBe(401);

      const right = await fetch(`${base}${path}`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(right.status).toBe(path === '/api/nope' ? 404 : 200);
    });
  }

  it('a mutating request without a token learns nothing: 401, not 405', async () => {
    const { base } = await startServer({ host: '0.0.0.0', token: TOKEN });
    expect((await fetch(`${base}/api/runs`, { method: 'DELETE' })).status).toBe(401);
    const authed = await fetch(`${base}/api/runs`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(authed.status).toBe(405);
  });

  it('/health stays open without a token', async () => {
    const { base } = await startServer({ host: '0.0.0.0', token: TOKEN });
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('reports requiresToken and a URL reachable from this machine', async () => {
    const { server, port } = await startServer({ host: '0.0.0.0', token: TOKEN });
    expect(server.status()).toMatchObject({
      requiresToken: true,
      host: '0.0.0.0',
      url: `http://127.0.0.1:${port}`,
    });
  });

  it('on loopback no token is asked for', async () => {
    const { server, base } = await startServer({ host: '127.0.0.1', token: null });
    expect(server.status().requiresToken).toBe(false);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });
});
