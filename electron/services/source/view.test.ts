import { describe, expect, it } from 'vitest';
import { MANAGED_PROMETHEUS_USER } from '../../../shared/api';
import { settingsSchema, type Settings } from '../../../shared/settings';
import { keyOf, viewOf } from './view';

const settings = (source: Partial<Settings['source']>): Settings =>
  settingsSchema.parse({ version: 1, stack: { prometheusPort: 19090 }, source });

describe('viewOf', () => {
  it('shows the managed source as its local URL and its basic-auth user', () => {
    expect(viewOf(settings({ kind: 'managed' }))).toEqual({
      kind: 'managed',
      url: 'http://127.0.0.1:19090',
      authKind: 'basic',
      user: MANAGED_PROMETHEUS_USER,
      caFile: '',
      skipTlsVerify: false,
    });
  });

  it('shows an existing source without trailing slashes, its user only with basic auth', () => {
    const existing = { kind: 'existing' as const, url: 'https://p:1/x//', user: 'ana' };
    expect(viewOf(settings({ ...existing, auth: 'basic' }))).toMatchObject({
      url: 'https://p:1/x',
      authKind: 'basic',
      user: 'ana',
    });
    expect(viewOf(settings({ ...existing, auth: 'bearer' })).user).toBe('');
  });
});

describe('keyOf', () => {
  it('tells two sources apart by any part of their connection', () => {
    const a = viewOf(settings({ kind: 'existing', url: 'https://p:1', auth: 'none' }));
    expect(keyOf(a)).toBe(keyOf({ ...a }));
    expect(keyOf(a)).not.toBe(keyOf({ ...a, skipTlsVerify: !a.skipTlsVerify }));
  });
});
