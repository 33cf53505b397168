// The receiver service's own rules: ids, what each auth needs (refused before anything is
// stored), and the last error read from Prometheus 2.42's log lines as it writes them.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RemoteWriteAddRequest } from '../../../shared/api';
import { SecretStore } from '../secrets';
import { SettingsStore } from '../settings-store';
import { explainError, newReceiverId, RemoteWriteService } from './service';

let dataDir = '';
let service: RemoteWriteService;
let logLines: string[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pw-rw-service-'));
  const store = new SettingsStore(dataDir);
  await store.load();
  service = new RemoteWriteService({
    settings: () => store.get(),
    update: async (patch) => {
      await store.update(patch);
      return { settings: store.get(), dataDir, warnings: [], applied: [] };
    },
    secrets: new SecretStore(dataDir),
    prometheus: () => {
      throw new Error('not asked in these tests');
    },
    logs: () => Promise.resolve(logLines),
  });
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('newReceiverId', () => {
  it('is 8 of [a-z0-9] and never one already taken', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const id = newReceiverId(taken);
      expect(id).toMatch(/^[a-z0-9]{8}$/);
      expect(taken.has(id)).toBe(false);
      taken.add(id);
    }
  });
});

describe('addRemoteWrite refuses, storing nothing', () => {
  const URL_A = 'http://127.0.0.1:8428/api/v1/write';
  const cases: [string, RemoteWriteAddRequest, RegExp][] = [
    [
      'basic auth without a password',
      { url: URL_A, auth: 'basic', user: 'ann' },
      /needs a user and a password/,
    ],
    [
      'basic auth without a user',
      { url: URL_A, auth: 'basic', secret: 'pw-123456' },
      /needs a user and a password/,
    ],
    ['a bearer token missing', { url: URL_A, auth: 'bearer' }, /bearer token is missing/],
    [
      'a user with a bearer token',
      { url: URL_A, auth: 'bearer', user: 'ann', secret: 't' },
      /has no user/,
    ],
    ['a secret without auth', { url: URL_A, auth: 'none', secret: 'pw' }, /without auth/],
    [
      'credentials in the URL',
      { url: 'http://ann:pw@127.0.0.1:8428/api/v1/write', auth: 'none' },
      /not a receiver URL/,
    ],
  ];
  for (const [name, req, message] of cases) {
    it(name, async () => {
      await expect(service.add(req)).rejects.toThrow(message);
      expect(existsSync(join(dataDir, 'secrets'))).toBe(false);
      expect(existsSync(join(dataDir, 'settings.json'))).toBe(false);
    });
  }
});

describe('lastErrors', () => {
  it("reads each receiver's last error from Prometheus's log lines, by its queue name", async () => {
    logLines = [
      'ts=2026-12-07T00:38:05.864Z caller=dedupe.go:112 component=remote level=info remote_name=k3v9x2aa url=http://127.0.0.1:32492/api/v1/write msg="Replaying WAL" queue=k3v9x2aa',
      'ts=2026-12-07T00:38:12.420Z caller=dedupe.go:112 component=remote level=error remote_name=k3v9x2aa url=http://127.0.0.1:32492/api/v1/write msg="non-recoverable error" count=500 exemplarCount=0 err="server returned HTTP status 401 Unauthorized: "',
      'ts=2026-12-07T00:38:13.420Z caller=dedupe.go:112 component=remote level=warn remote_name=zz11yy22 url=http://127.0.0.1:1/api/v1/write msg="Failed to send batch, retrying" err="Post \\"http://127.0.0.1:1/api/v1/write\\": dial tcp 127.0.0.1:1: connect: connection refused"',
    ];
    const errors = await service.lastErrors();
    expect(errors.get('k3v9x2aa')).toBe('server returned HTTP status 401 Unauthorized');
    expect(errors.get('zz11yy22')).toBe(
      'Post "http://127.0.0.1:1/api/v1/write": dial tcp 127.0.0.1:1: connect: connection refused',
    );
    expect(explainError(errors.get('k3v9x2aa') ?? '')).toMatch(
      /^the receiver refused the credentials \(HTTP 401\)/,
    );
    expect(explainError(errors.get('zz11yy22') ?? '')).toMatch(
      /^nothing answers at the receiver's address/,
    );
  });
});
