// Helpers for this folder's tests: real source servers on 127.0.0.1:0, node:http where fetch
// would tidy the request up, and exposition parsing (raw sockets: bad-input-cases.ts; the built
// server: built-server.ts). Not imported by the server itself.
import { request as httpRequest } from 'node:http';
import { MetricsServer, type MetricsServerOptions } from './metrics-server';
import type { PromClientModule } from './prom-client';

const running = new Set<MetricsServer>();

export interface RunningServer {
  server: MetricsServer;
  port: number;
  base: string;
}

/** A started server on an ephemeral loopback port; stopAllServers() in afterEach stops it. */
export async function startServer(
  opts: Partial<MetricsServerOptions> = {},
): Promise<RunningServer> {
  const server = new MetricsServer({
    host: '127.0.0.1',
    port: 0,
    enabled: false,
    strict: false,
    token: null,
    ...opts,
  });
  running.add(server);
  await server.start();
  const address = server.address;
  if (address === null) throw new Error('server reported no address after start');
  return { server, port: address.port, base: `http://127.0.0.1:${address.port}` };
}

export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
  running.clear();
}

/** What a machine without prom-client installed looks like to the server. */
export const missingPromClient = (): Promise<PromClientModule> =>
  Promise.reject(new Error("Cannot find package 'prom-client'"));

export async function scrape(base: string, init?: RequestInit): Promise<string> {
  const res = await fetch(`${base}/metrics`, init);
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  return res.text();
}

/** The value of one sample line, matched on its exact label set; undefined when absent. */
export function sampleValue(
  exposition: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of exposition.split('\n')) {
    const parsed = parseSample(line);
    if (parsed === null || parsed.name !== name) continue;
    const keys = Object.keys(labels);
    if (keys.length !== Object.keys(parsed.labels).length) continue;
    if (keys.every((k) => parsed.labels[k] === labels[k])) return parsed.value;
  }
  return undefined;
}

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export function parseSample(line: string): Sample | null {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
  if (m === null) return null;
  const labels: Record<string, string> = {};
  for (const pair of (m[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)) {
    labels[pair[1] as string] = pair[2] as string;
  }
  return { name: m[1] as string, labels, value: Number(m[3]) };
}

/** Distinct values of one label across a metric's samples. */
export function labelValues(exposition: string, name: string, label: string): Set<string> {
  const values = new Set<string>();
  for (const line of exposition.split('\n')) {
    const sample = parseSample(line);
    const value = sample?.name === name ? sample.labels[label] : undefined;
    if (value !== undefined) values.add(value);
  }
  return values;
}

/** node:http, because fetch refuses some methods and normalises others. */
export function requestWithMethod(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
