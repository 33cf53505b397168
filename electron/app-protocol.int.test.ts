// The app:// scheme the desktop window loads the console from (protocol.handle's handler), run on
// the built renderer: files, the CSP header, and nothing outside the build.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_URL, createAppProtocolHandler } from './app-protocol';

const handler = createAppProtocolHandler(join(import.meta.dirname, '..', 'out', 'renderer'));

describe('the app:// scheme (desktop window)', () => {
  it('serves the built console with the CSP as a response header', async () => {
    const res = await handler(new Request(APP_URL));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('<div id="root"></div>');
  });

  it('never serves a file outside the build, whatever the path says', async () => {
    for (const path of [
      '/../../package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/..%2f..%2fpackage.json',
    ]) {
      const res = await handler(new Request(`app://peak-watch${path}`));
      expect(await res.text(), path).not.toContain('"devDependencies"');
    }
  });

  it('answers only GET and HEAD, and only for its own host', async () => {
    const post = await handler(new Request(APP_URL, { method: 'POST', body: 'x' }));
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    const other = await handler(new Request('app://elsewhere/index.html'));
    expect(other.status).toBe(404);
  });

  it('a bad percent-encoding is a 400, not a crash', async () => {
    const res = await handler(new Request('app://peak-watch/%E0%A4%A'));
    expect(res.status).toBe(400);
  });
});
