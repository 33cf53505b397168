import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../shared/settings';
import {
  instanceTargetError,
  receiverAuthLabel,
  receiverAuthMissing,
  receiverUrlError,
  tokenFileError,
} from './list-drafts';

const listed = [{ url: 'http://127.0.0.1:8428/api/v1/write' }];

describe('receiverUrlError (Settings → Long-term storage)', () => {
  it('says nothing while the field is empty, and nothing for a new http(s) URL', () => {
    expect(receiverUrlError('', listed)).toBeNull();
    expect(receiverUrlError('https://mimir.example.org/api/v1/push', listed)).toBeNull();
  });

  it('refuses a URL with credentials or another scheme, and one listed already', () => {
    const bad = 'an http:// or https:// URL without a user, password, query or #fragment';
    expect(receiverUrlError('http://u:p@127.0.0.1:8428/api/v1/write', listed)).toBe(bad);
    expect(receiverUrlError('ftp://127.0.0.1/', listed)).toBe(bad);
    expect(receiverUrlError('http://127.0.0.1:8428/api/v1/write', listed)).toBe(
      'this receiver is listed already',
    );
  });
});

describe('receiverAuthMissing', () => {
  it('asks basic auth for a user, then for the password; bearer for the token', () => {
    expect(receiverAuthMissing('none', '', '')).toBeNull();
    expect(receiverAuthMissing('basic', ' ', 'pw')).toBe('basic auth needs a user');
    expect(receiverAuthMissing('basic', 'ann', '')).toBe('the password is needed');
    expect(receiverAuthMissing('bearer', '', '')).toBe('the token is needed');
    expect(receiverAuthMissing('bearer', '', 't')).toBeNull();
  });

  it('labels each kind in the list without its secret', () => {
    expect(receiverAuthLabel({ auth: 'basic', user: 'ann' })).toBe('basic auth as ann');
    expect(receiverAuthLabel({ auth: 'bearer', user: '' })).toBe('bearer token');
    expect(receiverAuthLabel({ auth: 'none', user: '' })).toBe('no authentication');
  });
});

describe('instanceTargetError (Settings → Instances of the app)', () => {
  const defaults = defaultSettings();
  const settings: Settings = {
    ...defaults,
    stack: { ...defaults.stack, instances: [{ target: '127.0.0.1:8001', tokenFile: '' }] },
  };

  it('accepts a new host:port and says nothing while the field is empty', () => {
    expect(instanceTargetError(settings, '')).toBeNull();
    expect(instanceTargetError(settings, '127.0.0.1:8002')).toBeNull();
  });

  it('refuses what is not host:port, an instance listed already, and the embedded server', () => {
    expect(instanceTargetError(settings, 'nope')).toBe(
      'a target is host:port, e.g. 127.0.0.1:9100',
    );
    expect(instanceTargetError(settings, '127.0.0.1:8001')).toBe(
      '127.0.0.1:8001 is already listed',
    );
    const embedded = `127.0.0.1:${settings.server.port}`;
    expect(instanceTargetError(settings, embedded)).toBe(
      `${embedded} is the embedded server, scraped already`,
    );
  });

  it('takes a token file only as an absolute path', () => {
    expect(tokenFileError('')).toBeNull();
    expect(tokenFileError('/etc/peak/token')).toBeNull();
    expect(tokenFileError('C:\\peak\\token')).toBeNull();
    expect(tokenFileError('token.txt')).toBe('a token file is an absolute path, or empty for none');
  });
});
