// The rules the two loopback servers judge a request's host by; the built servers are asked the
// same over raw sockets in electron/web-host/trust.int.test.ts.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../shared/settings';
import { parseAuthority, requestAuthority } from './http-authority';

const request = (url: string, rawHeaders: string[]) =>
  ({ url, rawHeaders }) as unknown as IncomingMessage;

describe('isLoopbackHost', () => {
  it('accepts localhost, ::1 and canonical dotted quads in 127.0.0.0/8', () => {
    for (const host of ['localhost', 'LOCALHOST', '::1', '[::1]', '127.0.0.1', '127.255.0.10']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
  });

  it('refuses what only a lenient resolver reads as loopback, and every other name', () => {
    for (const host of [
      '127.999.999.999',
      '0177.0.0.1',
      '127.1',
      '127.0.0.01',
      '2130706433',
      '0x7f.0.0.1',
      '127.0.0.1.evil.example',
      'localhost.',
      '[::1',
      '128.0.0.1',
      '',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

describe('requestAuthority', () => {
  it('names the Host and the absolute-form target, lower-cased, IPv6 without brackets', () => {
    expect(requestAuthority(request('http://LOCALHOST:80/x', ['Host', '[::1]:8000']))).toEqual({
      ok: true,
      authorities: [
        { host: '::1', port: '8000' },
        { host: 'localhost', port: '80' },
      ],
    });
  });

  it('refuses two Host headers, whatever their case or order', () => {
    const verdict = requestAuthority(request('/', ['host', '127.0.0.1:1', 'HOST', '127.0.0.1:1']));
    expect(verdict).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses a target that is neither a path nor an http URL, and userinfo in a host', () => {
    for (const url of ['ftp://127.0.0.1/', 'evil', 'http://user@127.0.0.1/']) {
      expect(requestAuthority(request(url, ['Host', '127.0.0.1:1'])).ok, url).toBe(false);
    }
    expect(parseAuthority('127.0.0.1:8000:1')).toBeNull();
  });
});
