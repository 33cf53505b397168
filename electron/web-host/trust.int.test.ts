// Who can act as the console, asked of the BUILT app as a user starts it
// (`node bin/peak-watch.mjs headless …`, out/): what the web host hands a browser, what it
// accepts, and how both loopback servers (the web host and the embedded metrics server) judge the
// host a request names. Malformed requests go over raw sockets, since fetch() cannot send them.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/api';
import { DESKTOP_ONLY_SETTINGS } from '../../shared/settings';
import { buildOutput } from '../build-output';

const launcher = join(buildOutput.root, 'bin', 'peak-watch.mjs');

let child: ChildProcess;
let dataDir: string;
let consoleUrl: URL;
let token: string;
/** host:port of the web host and of the metrics server. */
let ui: string;
let metrics: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pw-trust-'));
  child = spawn(
    process.execPath,
    [launcher, 'headless', '--metrics-port', '0', '--ui-port', '0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
      if (/^metrics: \S+/m.test(output)) resolve();
    });
    child.once('exit', () => reject(new Error(`headless exited:\n${output}`)));
  });
  consoleUrl = new URL(/^console: (\S+)/m.exec(output)![1]!);
  token = consoleUrl.searchParams.get('token') ?? '';
  ui = consoleUrl.host;
  metrics = new URL(/^metrics: (\S+)/m.exec(output)![1]!).host;
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

const base = (): string => `http://${ui}`;

/** One raw request; the answer's status, headers (lower-cased) and body. */
async function raw(
  hostPort: string,
  request: string,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const [host, port] = hostPort.split(':') as [string, string];
  const text = await new Promise<string>((resolve, reject) => {
    const socket = connect({ host, port: Number(port) }, () => socket.write(request));
    let got = Buffer.alloc(0);
    const done = (): void => resolve(got.toString('utf8'));
    socket.on('data', (c: Buffer) => {
      got = Buffer.concat([got, c]);
      // One answer is all a test wants; a keep-alive socket would otherwise stay open.
      const head = got.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: (\d+)/i.exec(got.subarray(0, head).toString());
      if (head >= 0 && length && got.length >= head + 4 + Number(length[1])) socket.end();
    });
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', reject);
  });
  const head = text.slice(0, text.indexOf('\r\n\r\n'));
  const [statusLine, ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine ?? '')?.[1] ?? 0),
    headers,
    body: text.slice(head.length + 4),
  };
}

async function rpc<T>(method: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base()}/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-peak-watch': '1', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Envelope<T> };
}

async function openSession(offered = token): Promise<Response> {
  return fetch(`${base()}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-peak-watch': '1' },
    body: JSON.stringify({ token: offered }),
  });
}

describe('the built web host: what a browser gets (finding 1)', () => {
  it('opening the console URL sets no cookie, and serves the public page', async () => {
    const res = await fetch(consoleUrl, { redirect: 'manual' });
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
  });

  it('a cookie holding the token, as an old console set it, authorizes nothing', async () => {
    const port = consoleUrl.port;
    const cookie = `peak_watch_${port}=${token}`;
    expect((await rpc('getServerStatus', null, { cookie })).status).toBe(401);
    const events = await raw(
      ui,
      `GET /events HTTP/1.1\r\nHost: ${ui}\r\nCookie: ${cookie}\r\n\r\n`,
    );
    expect(events.status).toBe(401);
  });

  it('trades the token for a session key once asked by POST; the key alone authorizes', async () => {
    expect((await openSession('not-the-token')).status).toBe(401);
    const res = await openSession();
    expect(res.status).toBe(200);
    const opened = (await res.json()) as Envelope<{ session: string }>;
    expect(opened.ok).toBe(true);
    const key = opened.ok ? opened.value.session : '';
    expect(key).not.toContain(token);
    const call = await rpc('getServerStatus', null, { 'x-peak-watch-session': key });
    expect(call.status).toBe(200);
    expect(call.body.ok).toBe(true);
    expect((await rpc('getServerStatus', null, { 'x-peak-watch-session': 'guess' })).status).toBe(
      401,
    );
    // A second opening of the printed URL (another tab) gets a key of its own; the first stays.
    const again = (await (await openSession()).json()) as Envelope<{ session: string }>;
    expect(again.ok && again.value.session).not.toBe(key);
    expect((await rpc('getServerStatus', null, { 'x-peak-watch-session': key })).status).toBe(200);
  });

  it('a patch of prometheusBinary over the web host is refused, the file is unchanged', async () => {
    const bearer = { authorization: `Bearer ${token}` };
    // A setting the web console may change, so that settings.json exists to compare.
    expect((await rpc('updateSettings', { ui: { refreshSeconds: 7 } }, bearer)).body.ok).toBe(true);
    const file = join(dataDir, 'settings.json');
    const before = await readFile(file, 'utf8');
    const { status, body } = await rpc(
      'updateSettings',
      { stack: { runtime: 'native', prometheusBinary: '/tmp/x.sh' } },
      bearer,
    );
    expect(status).toBe(403);
    expect(body).toMatchObject({
      ok: false,
      error: {
        code: 'desktop-only-setting',
        message: expect.stringContaining('stack.prometheusBinary') as string,
        fix: expect.stringContaining(
          'peak-watch settings set stack.prometheusBinary VALUE',
        ) as string,
      },
    });
    expect(await readFile(file, 'utf8')).toBe(before);
    for (const key of DESKTOP_ONLY_SETTINGS) {
      const [section, field] = key.split('.') as [string, string];
      const refused = await rpc('updateSettings', { [section]: { [field]: '' } }, bearer);
      expect(refused.status, key).toBe(403);
    }
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});

describe('the built web host: instances', () => {
  it('adds a token-less instance, refuses one with a token file (403) and a changed token file', async () => {
    const bearer = { authorization: `Bearer ${token}` };
    const plain = { target: '127.0.0.1:18000', tokenFile: '' };
    const added = await rpc('updateSettings', { stack: { instances: [plain] } }, bearer);
    expect(added.status).toBe(200);
    expect(added.body.ok).toBe(true);
    const file = join(dataDir, 'settings.json');
    const before = await readFile(file, 'utf8');
    for (const instances of [
      [plain, { target: '127.0.0.1:18001', tokenFile: '/etc/passwd' }],
      [{ ...plain, tokenFile: '/etc/hostname' }],
    ]) {
      const { status, body } = await rpc('updateSettings', { stack: { instances } }, bearer);
      expect(status).toBe(403);
      expect(body).toMatchObject({
        ok: false,
        error: {
          code: 'desktop-only-setting',
          message: expect.stringMatching(/cannot give 127\.0\.0\.1:1800\d a token file/) as string,
          fix: expect.stringContaining('peak-watch instances add HOST:PORT --token-file') as string,
        },
      });
    }
    expect(await readFile(file, 'utf8')).toBe(before);
    // Removing it again is fine over the web.
    expect((await rpc('updateSettings', { stack: { instances: [] } }, bearer)).body.ok).toBe(true);
  });
});

describe('the built web host: a source CA file', () => {
  it('refuses to test or use a CA file the web console names (403), saving nothing', async () => {
    const bearer = { authorization: `Bearer ${token}` };
    const file = join(dataDir, 'settings.json');
    const before = await readFile(file, 'utf8').catch(() => '');
    for (const method of ['testSource', 'useSource']) {
      const req = {
        kind: 'existing',
        url: 'http://127.0.0.1:9',
        auth: 'none',
        caFile: '/etc/shadow',
      };
      const { status, body } = await rpc(method, req, bearer);
      expect(status).toBe(403);
      expect(body).toMatchObject({
        ok: false,
        error: {
          code: 'desktop-only-setting',
          message: expect.stringContaining('cannot choose a CA file') as string,
          fix: expect.stringContaining('--ca-file') as string,
        },
      });
    }
    expect(await readFile(file, 'utf8').catch(() => '')).toBe(before);
  });
});

describe('the built web host: bodies over the limit (finding 10)', () => {
  it('answers an RPC body over 1 MiB with 413 JSON the client receives', async () => {
    const res = await fetch(`${base()}/rpc/addQueryHistory`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-peak-watch': '1',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'payload-too-large' } });
  });

  it('answers 413 to a chunked body that grows over 1 MiB, and keeps serving', async () => {
    const chunk = 'a'.repeat(256 * 1024);
    const chunks = Array.from({ length: 6 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    const answer = await raw(
      ui,
      `POST /rpc/getServerStatus HTTP/1.1\r\nHost: ${ui}\r\nAuthorization: Bearer ${token}\r\n` +
        `X-Peak-Watch: 1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n` +
        `${chunks.join('')}0\r\n\r\n`,
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'payload-too-large' } });
    expect((await rpc('getServerStatus', null, { authorization: `Bearer ${token}` })).status).toBe(
      200,
    );
  });
});

const servers = [
  { name: 'web host', at: () => ui, path: '/' },
  { name: 'metrics server', at: () => metrics, path: '/health' },
];

describe.each(servers)('the built $name judges the host a request names (finding 12)', (server) => {
  it('checks an absolute-form request target like Host', async () => {
    const at = server.at();
    const port = at.split(':')[1];
    const foreign = await raw(
      at,
      `GET http://evil.example:${port}${server.path} HTTP/1.1\r\nHost: ${at}\r\nConnection: close\r\n\r\n`,
    );
    expect(foreign.status).toBe(421);
    const own = await raw(
      at,
      `GET http://${at}${server.path} HTTP/1.1\r\nHost: ${at}\r\nConnection: close\r\n\r\n`,
    );
    expect(own.status).toBe(200);
  });

  it('refuses a request with two Host headers (400)', async () => {
    const at = server.at();
    const port = at.split(':')[1];
    for (const order of [
      [at, `evil.example:${port}`],
      [`evil.example:${port}`, at],
      [at, at],
    ]) {
      const answer = await raw(
        at,
        `GET ${server.path} HTTP/1.1\r\nHost: ${order[0]}\r\nHost: ${order[1]}\r\nConnection: close\r\n\r\n`,
      );
      expect(answer.status, order.join(' + ')).toBe(400);
    }
  });

  it('counts only canonical dotted-quad loopback addresses as loopback', async () => {
    const at = server.at();
    const port = at.split(':')[1];
    for (const host of ['127.999.999.999', '0177.0.0.1', '127.1', '127.0.0.01', '2130706433']) {
      const answer = await raw(
        at,
        `GET ${server.path} HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: close\r\n\r\n`,
      );
      expect(answer.status, host).toBe(421);
    }
  });
});

describe('the built hosts: loopback names and the event stream (finding 12)', () => {
  it('the metrics server still answers any canonical 127.x.y.z', async () => {
    const metricsPort = metrics.split(':')[1];
    const ok = await raw(
      metrics,
      `GET /health HTTP/1.1\r\nHost: 127.0.0.2:${metricsPort}\r\nConnection: close\r\n\r\n`,
    );
    expect(ok.status).toBe(200);
  });

  it('opens the event stream for GET only (405 with Allow: GET)', async () => {
    for (const method of ['POST', 'DELETE', 'PUT', 'HEAD']) {
      const answer = await raw(
        ui,
        `${method} /events HTTP/1.1\r\nHost: ${ui}\r\nAuthorization: Bearer ${token}\r\n` +
          `Content-Length: 0\r\nConnection: close\r\n\r\n`,
      );
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow, method).toBe('GET');
    }
  });
});

describe('the built web host: clients that go away mid-download', () => {
  // The renderer's files are public, so any page or local process can start a download and cut
  // it off. Each such request must give its file back: a descriptor kept per aborted request
  // runs the process out of them, and the next open() then kills the console and the metrics
  // server with it.
  it('keeps no file open for a download the client abandoned', async () => {
    const page = await (await fetch(`${base()}/`)).text();
    const asset = /\/assets\/[^"']+\.js/.exec(page)?.[0];
    expect(asset, 'the page names its script').toBeTruthy();
    const openFiles = async (): Promise<number> => (await readdir(`/proc/${child.pid}/fd`)).length;
    const before = await openFiles();
    const [host, port] = ui.split(':') as [string, string];
    for (let i = 0; i < 60; i++) {
      await new Promise<void>((resolve) => {
        const socket = connect({ host, port: Number(port) }, () =>
          socket.write(`GET ${asset} HTTP/1.1\r\nHost: ${ui}\r\n\r\n`),
        );
        socket.on('error', () => resolve());
        socket.once('data', () => {
          socket.destroy();
          resolve();
        });
      });
    }
    // The host learns of each reset asynchronously; give it a moment, bounded.
    let after = await openFiles();
    for (let i = 0; i < 50 && after - before >= 10; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await openFiles();
    }
    expect(after - before, `open descriptors before ${before}, after ${after}`).toBeLessThan(10);
    expect((await fetch(`${base()}/`)).status).toBe(200);
  });
});
