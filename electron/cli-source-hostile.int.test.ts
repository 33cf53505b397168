// A hostile "source" (docs/SECURITY.md, threat 6): an HTTP server on 127.0.0.1 that answers every
// request with the credential it received — in an HTML page, in a Prometheus error envelope, in
// a 500. The built CLI (node bin/peak-watch.mjs) is pointed at it as a user would; the password
// must come out of no output (`source use`, `source status --json`) and no file but the secret.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peakWatchWithStdin } from './clients-testing';
import { filesContaining } from './services/source/testing';

const PASSWORD = 'Hostile-Echo-Pw-7d2c91fe';
const TOKEN = 'Hostile-Echo-Token-5b8e03aa';

const peakWatch = peakWatchWithStdin;

type Mode = 'html' | 'bad-data' | 'server-error';

/** The credential as the server received it: basic decoded to user:password, bearer as sent. */
function received(authorization: string): string {
  if (authorization.startsWith('Basic '))
    return Buffer.from(authorization.slice(6), 'base64').toString();
  return authorization;
}

function hostile(mode: Mode): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const echo = `you sent ${received(req.headers.authorization ?? '')} (${req.headers.authorization ?? ''})`;
    if (mode === 'html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html><body>${echo}</body></html>`);
    } else {
      res.writeHead(mode === 'bad-data' ? 422 : 500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'error',
          errorType: mode === 'bad-data' ? 'bad_data' : 'internal',
          error: echo,
        }),
      );
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

describe('a source that echoes the credential it received', () => {
  let dataDir: string;
  const servers: Server[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pw-cli-hostile-'));
  });

  afterAll(async () => {
    for (const s of servers) s.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const cases: { mode: Mode; auth: 'basic' | 'bearer' }[] = [
    { mode: 'html', auth: 'basic' },
    { mode: 'bad-data', auth: 'basic' },
    { mode: 'server-error', auth: 'bearer' },
  ];
  for (const { mode, auth } of cases) {
    it(`${mode} answer (${auth}): the secret is in no output and no file but secrets/`, async () => {
      const { server, url } = await hostile(mode);
      servers.push(server);
      const secret = auth === 'basic' ? PASSWORD : TOKEN;
      const args = auth === 'basic' ? ['--user', 'alice', '--password-stdin'] : ['--token-stdin'];
      const use = await peakWatch(
        ['--data-dir', dataDir, 'source', 'use', url, ...args],
        `${secret}\n`,
      );
      // The source is saved but not usable: exit 1 with the server's answer described.
      expect(use.code, use.stdout + use.stderr).toBe(1);
      expect(use.stdout + use.stderr).toContain(url);
      const status = await peakWatch(['--data-dir', dataDir, 'source', 'status', '--json']);
      const basic = Buffer.from(`alice:${PASSWORD}`).toString('base64');
      for (const out of [use.stdout, use.stderr, status.stdout, status.stderr]) {
        expect(out).not.toContain(secret);
        expect(out).not.toContain(basic);
      }
      expect(await filesContaining(dataDir, secret)).toEqual([
        join('secrets', 'source-credential'),
      ]);
    });
  }
});
