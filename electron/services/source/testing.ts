// Test support for existing sources: Debian's prometheus behind basic auth (a --web.config.file
// with a bcrypt hash made here) and Debian's victoria-metrics, each scraping what a test names,
// on a port a test may start them on again (a source that dies and comes back).
import bcrypt from 'bcryptjs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { basicAuthHeader, freePort, GiveUp, PROMETHEUS_BIN, waitFor } from '../prometheus/testing';

export const VICTORIA_METRICS_BIN =
  process.env.PEAK_WATCH_TEST_VICTORIA_METRICS ?? '/usr/bin/victoria-metrics';

export interface ScrapeJob {
  job: string;
  targets: string[];
}

export interface RunningSource {
  url: string;
  port: number;
  dir: string;
  output: () => string;
  /** Kills the process (SIGKILL: a source that dies, not one that shuts down); data is kept. */
  kill: () => Promise<void>;
  /** Starts it again on the same port with the same data. */
  restart: () => Promise<void>;
  /** Kills it and removes its folder. */
  stop: () => Promise<void>;
}

function scrapeConfig(jobs: ScrapeJob[], intervalSeconds: number): string {
  const lines = [`global:`, `  scrape_interval: ${intervalSeconds}s`, `scrape_configs:`];
  for (const j of jobs) {
    lines.push(`  - job_name: ${j.job}`, `    scrape_interval: ${intervalSeconds}s`);
    lines.push(
      `    static_configs:`,
      `      - targets: [${j.targets.map((t) => `'${t}'`).join(', ')}]`,
    );
  }
  return lines.join('\n') + '\n';
}

async function runUntilReady(
  what: string,
  bin: string,
  args: () => string[],
  readyUrl: string,
  dir: string,
  headers: Record<string, string> = {},
  ca?: string,
): Promise<Omit<RunningSource, 'url' | 'port' | 'dir'>> {
  let child: ChildProcess | null = null;
  let output = '';
  let exited: Promise<void> = Promise.resolve();
  const launch = async (): Promise<void> => {
    const c = spawn(bin, args(), { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    c.stdout?.on('data', (b: Buffer) => (output += b.toString()));
    c.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    await waitFor(`${what} at ${readyUrl}`, async () => {
      if (c.exitCode !== null) throw new GiveUp(`${what} exited:\n${output.slice(-2000)}`);
      return (await isReady(readyUrl, headers, ca)) ? true : undefined;
    });
  };
  const kill = async (): Promise<void> => {
    const c = child;
    if (c && c.exitCode === null && c.signalCode === null) {
      c.kill('SIGKILL');
      await exited;
    }
  };
  await launch().catch(async (err: unknown) => {
    await kill();
    await rm(dir, { recursive: true, force: true });
    throw err;
  });
  return {
    output: () => output,
    kill,
    restart: async () => {
      await kill();
      await launch();
    },
    stop: async () => {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** GET `url` (http, or https trusting `ca`): whether it answers 200. */
function isReady(url: string, headers: Record<string, string>, ca?: string): Promise<boolean> {
  const get = url.startsWith('https:') ? httpsGet : httpGet;
  return new Promise((resolve, reject) => {
    const req = get(url, { headers, ...(ca ? { ca } : {}) }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('error', reject);
  });
}

/** A CA and a server certificate it signed for 127.0.0.1, made by openssl in `dir`. */
export function makeTestCertificates(dir: string): { ca: string; cert: string; key: string } {
  const at = (f: string): string => join(dir, f);
  const openssl = (args: string[]): void => {
    const r = spawnSync('openssl', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
  };
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=Peak Watch test CA',
    '-keyout',
    at('ca.key'),
    '-out',
    at('ca.crt'),
  ]);
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    at('server.key'),
    '-out',
    at('server.csr'),
  ]);
  writeFileSync(at('san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl([
    'x509',
    '-req',
    '-in',
    at('server.csr'),
    '-CA',
    at('ca.crt'),
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    at('san.ext'),
    '-out',
    at('server.crt'),
  ]);
  return { ca: at('ca.crt'), cert: at('server.crt'), key: at('server.key') };
}

/**
 * Debian's prometheus, behind HTTP basic auth when `user` is given (a bcrypt hash of `password`
 * in a --web.config.file, as a team's Prometheus is); scrapes `jobs` every `intervalSeconds`.
 */
export async function startSourcePrometheus(opts: {
  user?: string;
  password?: string;
  jobs: ScrapeJob[];
  intervalSeconds?: number;
  port?: number;
  /** A rule file's YAML (groups: …) the source evaluates itself, as a team's Prometheus does. */
  rules?: string;
  /** Serve https with this certificate (--web.config.file tls_server_config). */
  tls?: { cert: string; key: string; ca: string };
  /** --web.route-prefix, e.g. /prometheus (as behind a proxy or Mimir's path). */
  routePrefix?: string;
  /** More flags, e.g. --enable-feature=exemplar-storage. */
  extraArgs?: string[];
}): Promise<RunningSource> {
  const dir = await mkdtemp(join(tmpdir(), 'pw-source-prom-'));
  const port = opts.port ?? (await freePort());
  const origin = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const url = `${origin}${opts.routePrefix ?? ''}`;
  const args = [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    ...(opts.routePrefix
      ? [`--web.route-prefix=${opts.routePrefix}`, `--web.external-url=${url}`]
      : []),
    ...(opts.extraArgs ?? []),
  ];
  const headers: Record<string, string> = {};
  const web: string[] = [];
  if (opts.user !== undefined) {
    const password = opts.password ?? '';
    const hash = await bcrypt.hash(password, 4);
    web.push('basic_auth_users:', `  ${opts.user}: '${hash}'`);
    headers.authorization = `Basic ${Buffer.from(`${opts.user}:${password}`).toString('base64')}`;
  }
  if (opts.tls) {
    web.push('tls_server_config:', `  cert_file: ${opts.tls.cert}`, `  key_file: ${opts.tls.key}`);
  }
  if (web.length) {
    await writeFile(join(dir, 'web.yml'), web.join('\n') + '\n');
    args.push(`--web.config.file=${join(dir, 'web.yml')}`);
  }
  let config = scrapeConfig(opts.jobs, opts.intervalSeconds ?? 1);
  if (opts.rules !== undefined) {
    await writeFile(join(dir, 'rules.yml'), opts.rules);
    config = config.replace(
      'scrape_configs:',
      `rule_files: ['${join(dir, 'rules.yml')}']\nscrape_configs:`,
    );
    config = config.replace(
      `scrape_interval: ${opts.intervalSeconds ?? 1}s\n`,
      `scrape_interval: ${opts.intervalSeconds ?? 1}s\n  evaluation_interval: ${opts.intervalSeconds ?? 1}s\n`,
    );
  }
  await writeFile(join(dir, 'prometheus.yml'), config);
  const run = await runUntilReady(
    'Prometheus',
    PROMETHEUS_BIN,
    () => args,
    `${url}/-/ready`,
    dir,
    headers,
    opts.tls ? readFileSync(opts.tls.ca, 'utf8') : undefined,
  );
  return { url, port, dir, ...run };
}

/** Debian's victoria-metrics scraping `jobs` (its -promscrape.config), fresh data visible at
 * once (-search.latencyOffset=0s: by default the last 30 s are hidden from queries); behind
 * basic auth (-httpAuth.*) when `basicAuth` is given, as a guarded remote-write receiver is. */
export async function startVictoriaMetrics(opts: {
  jobs: ScrapeJob[];
  intervalSeconds?: number;
  port?: number;
  basicAuth?: { username: string; password: string };
}): Promise<RunningSource> {
  const dir = await mkdtemp(join(tmpdir(), 'pw-source-vm-'));
  const port = opts.port ?? (await freePort());
  await writeFile(join(dir, 'scrape.yml'), scrapeConfig(opts.jobs, opts.intervalSeconds ?? 1));
  const url = `http://127.0.0.1:${port}`;
  const auth = opts.basicAuth;
  const run = await runUntilReady(
    'VictoriaMetrics',
    VICTORIA_METRICS_BIN,
    () => [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-storageDataPath=${join(dir, 'data')}`,
      `-promscrape.config=${join(dir, 'scrape.yml')}`,
      '-search.latencyOffset=0s',
      '-loggerLevel=ERROR',
      ...(auth
        ? [`-httpAuth.username=${auth.username}`, `-httpAuth.password=${auth.password}`]
        : []),
    ],
    `${url}/-/ready`,
    dir,
    auth ? { authorization: basicAuthHeader(auth) } : {},
  );
  return { url, port, dir, ...run };
}

/** Every regular file under `dir` whose bytes contain `needle`, relative to `dir`. */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (sub: string): Promise<void> => {
    for (const entry of await readdir(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? join(sub, entry.name) : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else if (entry.isFile() && (await stat(join(dir, rel))).size < 50_000_000) {
        if ((await readFile(join(dir, rel))).includes(needle)) found.push(rel);
      }
    }
  };
  await walk('');
  return found.sort();
}
