import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../../shared/api';
import { SETTINGS_DEFAULTS, type SourceSettings } from '../../../shared/settings';
import { existingOf, secretBound } from './request';

const stored: SourceSettings = {
  ...SETTINGS_DEFAULTS.source,
  kind: 'existing',
  url: 'https://prom.example:9090/prometheus/',
  auth: 'basic',
  user: 'ana',
};

describe('secretBound', () => {
  it('lets a stored secret go to the same origin, user and kind of auth, whatever the path', () => {
    expect(
      secretBound(stored, { url: 'https://prom.example:9090/', auth: 'basic', user: 'ana' }),
    ).toBe(true);
    expect(
      secretBound(stored, { url: 'https://prom.example:9090/other', auth: 'basic', user: 'ana' }),
    ).toBe(true);
  });

  it('keeps it from another origin, another user, another kind of auth or the managed source', () => {
    const same = { url: stored.url, auth: 'basic' as const, user: 'ana' };
    expect(secretBound(stored, { ...same, url: 'https://evil.example:9090/' })).toBe(false);
    expect(secretBound(stored, { ...same, url: 'http://prom.example:9090/' })).toBe(false);
    expect(secretBound(stored, { ...same, user: 'bob' })).toBe(false);
    expect(secretBound(stored, { ...same, auth: 'bearer' })).toBe(false);
    expect(secretBound({ ...stored, kind: 'managed' }, same)).toBe(false);
  });

  it('keeps it when the origin is unknown: two URLs that do not parse are not the same server', () => {
    const bad = { ...stored, url: 'not a url' };
    expect(secretBound(bad, { url: 'also not a url', auth: 'basic', user: 'ana' })).toBe(false);
    expect(secretBound(bad, { url: 'not a url', auth: 'basic', user: 'ana' })).toBe(false);
    const file = { ...stored, url: 'file:///etc/prom' };
    expect(secretBound(file, { url: 'file:///tmp/other', auth: 'basic', user: 'ana' })).toBe(false);
  });
});

async function refusal(req: Parameters<typeof existingOf>[0]): Promise<ConsoleError> {
  const err: unknown = await existingOf(req).then(
    () => null,
    (e: unknown) => e,
  );
  if (err instanceof ConsoleError) return err;
  throw new Error('not refused');
}

describe('existingOf', () => {
  it('trims the URL’s trailing slashes and the user, and fills the defaults', async () => {
    expect(
      await existingOf({ kind: 'existing', url: 'http://h:1//', auth: 'basic', user: ' ana ' }),
    ).toEqual({ url: 'http://h:1', auth: 'basic', user: 'ana', caFile: '', skipTlsVerify: false });
    expect(
      await existingOf({ kind: 'existing', url: 'http://h:1', auth: 'bearer', user: 'ignored' }),
    ).toMatchObject({ user: '' });
  });

  it('refuses basic auth without a user', async () => {
    const err = await refusal({ kind: 'existing', url: 'http://h:1', auth: 'basic', user: '  ' });
    expect(err.code).toBe('invalid-request');
    expect(err.message).toBe('Basic auth needs a user name.');
  });

  it('refuses a CA file that cannot be read, naming it and why', async () => {
    const caFile = '/nonexistent/peak-watch-ca.pem';
    const err = await refusal({ kind: 'existing', url: 'https://h:1', auth: 'none', caFile });
    expect(err.code).toBe('source-ca-unreadable');
    expect(err.message).toBe(`The CA file ${caFile} cannot be read (ENOENT).`);
  });
});
