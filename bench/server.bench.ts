// Throughput, latency and server CPU per request of the embedded watch-only server, with
// instrumentation on and off, and with request tracing (OpenTelemetry spans exported over OTLP
// protobuf to a sink on 127.0.0.1) on and off on top of it.
//   npx tsx bench/server.bench.ts                              (npm run bench:server)
//   BENCH_SECONDS=2 BENCH_ROUNDS=6 npx tsx bench/server.bench.ts  (round length and count)
// The server runs in a child process and autocannon in this one, so each has a core, the way
// a server and its load would. Besides req/s, which other load on the box moves a lot, the
// child reports its own CPU time: CPU µs per request at a fixed request rate is the cleanest
// view of what instrumentation costs. Every round is bounded in time; the child is stopped.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { MetricsServer } from '../electron/services/metrics-server';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpInstrumentation } from '../electron/services/metrics-server/instrumentation';
import {
  startServerTelemetry,
  type ServerTelemetry,
} from '../electron/services/telemetry-export/exporters';

// autocannon ships no types; this is the part of its API used here.
interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  pipelining: number;
  duration: number;
  overallRate?: number;
}) => Promise<AutocannonResult>;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = 50;
/** Well below saturation, so on and off serve exactly the same load. */
const FIXED_RATE = 5000;

type ToServer =
  | { type: 'flags'; enabled: boolean }
  | { type: 'tracing'; to: string | null }
  | { type: 'cpu' }
  | { type: 'stop' };
type FromServer =
  | { type: 'ready'; port: number }
  | { type: 'ack' }
  | { type: 'cpu'; micros: number; served: number };

// ---------------------------------------------------------------- child: the server

async function serve(): Promise<void> {
  const server = new MetricsServer({
    host: '127.0.0.1',
    port: 0,
    enabled: false,
    strict: false,
    token: null,
  });
  await server.start();
  const reply = (m: FromServer): void => void process.send?.(m);
  let telemetry: ServerTelemetry | null = null;
  process.on('message', (m: ToServer) => {
    if (m.type === 'flags') {
      server.setFlags({ enabled: m.enabled });
      reply({ type: 'ack' });
    } else if (m.type === 'tracing') {
      // The same SDK wiring the app uses (telemetry-export/exporters.ts), protobuf as by default.
      const old = telemetry;
      telemetry = m.to
        ? startServerTelemetry({ baseUrl: m.to, token: null, protocol: 'http/protobuf' })
        : null;
      server.setTracing(telemetry?.tracing ?? null);
      void (old?.shutdown() ?? Promise.resolve()).then(() => reply({ type: 'ack' }));
    } else if (m.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      reply({ type: 'cpu', micros: user + system, served: server.status().requestsServed });
    } else {
      void server.stop().then(() => process.exit(0));
    }
  });
  // If the parent dies mid-run, do not linger as an orphan holding a port.
  process.on('disconnect', () => process.exit(0));
  reply({ type: 'ready', port: server.address?.port ?? 0 });
}

// ---------------------------------------------------------------- parent: the load

class ServerProcess {
  private constructor(private readonly child: ChildProcess) {}

  static async start(): Promise<{ proc: ServerProcess; port: number }> {
    const child = fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, BENCH_ROLE: 'server' },
    });
    const proc = new ServerProcess(child);
    const ready = await proc.next();
    if (ready.type !== 'ready') throw new Error('server process did not start');
    return { proc, port: ready.port };
  }

  ask(m: ToServer): Promise<FromServer> {
    const answer = this.next();
    this.child.send(m);
    return answer;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.child.kill(), 5000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.send({ type: 'stop' } satisfies ToServer);
    });
  }

  private next(): Promise<FromServer> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null): void =>
        reject(new Error(`server process exited (${code})`));
      this.child.once('exit', onExit);
      this.child.once('message', (m: FromServer) => {
        this.child.off('exit', onExit);
        resolve(m);
      });
    });
  }
}

interface Row {
  scenario: string;
  connections: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  cpuMicrosPerReq: number;
  failed: number;
}

interface Bench {
  autocannon: Autocannon;
  proc: ServerProcess;
  base: string;
}

async function round(
  b: Bench,
  path: string,
  scenario: string,
  connections: number,
  rate?: number,
): Promise<Row> {
  const before = await b.proc.ask({ type: 'cpu' });
  const r = await b.autocannon({
    url: `${b.base}${path}`,
    connections,
    pipelining: 1,
    duration: SECONDS,
    ...(rate ? { overallRate: rate } : {}),
  });
  const after = await b.proc.ask({ type: 'cpu' });
  const cpu =
    before.type === 'cpu' && after.type === 'cpu'
      ? (after.micros - before.micros) / Math.max(1, after.served - before.served)
      : NaN;
  return {
    scenario,
    connections,
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    cpuMicrosPerReq: cpu,
    failed: r.errors + r.timeouts + r.non2xx,
  };
}

/** on/off rounds in ABBA order, so drift in the box's load does not always favour one side. */
async function onOff(
  b: Bench,
  label: string,
  rate?: number,
  toggle: (on: boolean) => ToServer = (enabled) => ({ type: 'flags', enabled }),
): Promise<{ on: Row[]; off: Row[] }> {
  const runs = { on: [] as Row[], off: [] as Row[] };
  for (let i = 1; i <= ROUNDS; i++) {
    for (const enabled of i % 2 === 1 ? [false, true] : [true, false]) {
      await b.proc.ask(toggle(enabled));
      const row = await round(
        b,
        '/api/status',
        `${label} ${enabled ? 'on' : 'off'} #${i}`,
        CONNECTIONS,
        rate,
      );
      runs[enabled ? 'on' : 'off'].push(row);
    }
  }
  return runs;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] ?? NaN)
    : ((s[s.length / 2 - 1] ?? NaN) + (s[s.length / 2] ?? NaN)) / 2;
};
/** Median over pairs (i-th on with i-th off): both sides of a pair saw the same box. */
const paired = (runs: { on: Row[]; off: Row[] }, f: (on: Row, off: Row) => number): number =>
  median(
    runs.on.map((on, i) => {
      const off = runs.off[i];
      return off ? f(on, off) : NaN;
    }),
  );
const fmt = (n: number, digits = 0): string => n.toFixed(digits);
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

function printTable(rows: Row[]): void {
  const head = ['scenario', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'failed'];
  const body = rows.map((r) => [
    r.scenario,
    String(r.connections),
    fmt(r.reqPerSec),
    String(r.p50),
    String(r.p99),
    fmt(r.cpuMicrosPerReq, 1),
    String(r.failed),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  console.log(line(head));
  console.log(
    `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  );
  for (const row of body) console.log(line(row));
}

/** CPU ns to record one request (begin + end), in this process, without HTTP: noise-free. */
async function recordingCost(): Promise<number> {
  const instrumentation = new HttpInstrumentation(await import('prom-client'));
  const n = 2_000_000;
  const results: number[] = [];
  for (let k = 0; k < 3; k++) {
    const before = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      instrumentation.begin();
      const started = performance.now();
      instrumentation.end('GET', '/api/status', 200, (performance.now() - started) / 1000);
    }
    const used = process.cpuUsage(before);
    results.push(((used.user + used.system) * 1000) / n);
  }
  return median(results);
}

/**
 * CPU ns to trace one request (span begin + end through the SDK, ids handed to the exemplar),
 * without HTTP. Exporting is not in it: a tight loop fills the SDK's queue and the rest are
 * dropped, so the export's share shows only in the HTTP rounds.
 */
async function tracingCost(sinkUrl: string): Promise<number> {
  const telemetry = startServerTelemetry({
    baseUrl: sinkUrl,
    token: null,
    protocol: 'http/protobuf',
  });
  const n = 200_000;
  const results: number[] = [];
  for (let k = 0; k < 3; k++) {
    const before = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      const span = telemetry.tracing.begin('GET', 8000);
      telemetry.tracing.end(span, 'GET', '/api/status', 200, true);
    }
    const used = process.cpuUsage(before);
    results.push(((used.user + used.system) * 1000) / n);
  }
  await telemetry.shutdown();
  return median(results);
}

async function measure(): Promise<void> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const cpus = os.cpus();
  const load = (): string =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(
    `machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${fmt(os.totalmem() / 2 ** 30)} GiB, ` +
      `${os.type()} ${os.release()}, Node ${process.version}`,
  );
  console.log(`load average at start: ${load()}`);
  console.log(
    `${ROUNDS} on/off pairs of ${SECONDS} s rounds, ${CONNECTIONS} connections, pipelining 1; latency in whole ms (autocannon)\n`,
  );

  console.log(
    `recording one request (begin + end, no HTTP): ${fmt(await recordingCost())} ns CPU\n`,
  );

  const { proc, port } = await ServerProcess.start();
  const b: Bench = { autocannon, proc, base: `http://127.0.0.1:${port}` };
  try {
    await proc.ask({ type: 'flags', enabled: true });
    await round(b, '/api/status', 'warm-up', CONNECTIONS); // JIT and series cache; not reported

    const max = await onOff(b, '/api/status max');
    const fixed = await onOff(b, `/api/status ${FIXED_RATE}/s`, FIXED_RATE);
    await proc.ask({ type: 'flags', enabled: true });
    // One connection is one Prometheus scraping; 10 stand for several scrapers at once.
    const scrapeOne = await round(b, '/metrics', '/metrics on', 1);
    const scrapeTen = await round(b, '/metrics', '/metrics on', 10);
    // Tracing on top of instrumentation, as the app runs it: every request a span, exported.
    const sink = await startSink();
    console.log(
      `\ntracing one request (span begin + end, no HTTP, export excluded): ${fmt(await tracingCost(sink.url))} ns CPU`,
    );
    const tracing = (on: boolean): ToServer => ({ type: 'tracing', to: on ? sink.url : null });
    const tMax = await onOff(b, '/api/status traced max', undefined, tracing);
    const tFixed = await onOff(b, `/api/status traced ${FIXED_RATE}/s`, FIXED_RATE, tracing);
    await proc.ask(tracing(false));
    await sink.close();

    const all = [
      ...[...max.off, ...max.on, ...fixed.off, ...fixed.on, scrapeOne, scrapeTen],
      ...[...tMax.off, ...tMax.on, ...tFixed.off, ...tFixed.on],
    ];
    printTable(all);
    const rps = (rs: Row[]): number => median(rs.map((r) => r.reqPerSec));
    const cpu = (rs: Row[]): number => median(rs.map((r) => r.cpuMicrosPerReq));
    const ratio = paired(max, (on, off) => on.reqPerSec / off.reqPerSec);
    const cpuCost = paired(fixed, (on, off) => on.cpuMicrosPerReq / off.cpuMicrosPerReq - 1);
    const check = (ok: boolean): string => (ok ? 'met' : 'MISSED');
    console.log(`
/api/status, max load: median ${fmt(rps(max.on))} req/s on, ${fmt(rps(max.off))} req/s off; paired on/off ratio ${fmt(ratio, 3)}
/api/status, ${FIXED_RATE} req/s: server CPU ${fmt(cpu(fixed.on), 1)} µs/req on, ${fmt(cpu(fixed.off), 1)} µs/req off; paired cost ${pct(cpuCost)}
targets: ≥10,000 req/s instrumented: ${check(rps(max.on) >= 10_000)}; instrumentation ≤10 % throughput cost: ${check(ratio >= 0.9)}; /metrics p99 ≤5 ms (1 scraper): ${check(scrapeOne.p99 <= 5)}`);
    const tRatio = paired(tMax, (on, off) => on.reqPerSec / off.reqPerSec);
    const tCost = paired(tFixed, (on, off) => on.cpuMicrosPerReq / off.cpuMicrosPerReq - 1);
    console.log(`tracing (spans exported, instrumentation on in both): max load median ${fmt(rps(tMax.on))} req/s on, ${fmt(rps(tMax.off))} req/s off; paired on/off ratio ${fmt(tRatio, 3)}
tracing, ${FIXED_RATE} req/s: server CPU ${fmt(cpu(tFixed.on), 1)} µs/req on, ${fmt(cpu(tFixed.off), 1)} µs/req off; paired cost ${pct(tCost)}; ${sink.received()} span/log exports reached the sink`);
    const failed = all.reduce((n, r) => n + r.failed, 0);
    if (failed > 0) console.log(`WARNING: ${failed} failed requests (errors, timeouts or non-2xx)`);
    console.log(`load average at end: ${load()}`);
  } finally {
    await proc.stop();
  }
}

/** An OTLP/HTTP sink on 127.0.0.1 that reads each export and answers success, as a receiver. */
async function startSink(): Promise<{
  url: string;
  received: () => number;
  close: () => Promise<void>;
}> {
  let received = 0;
  const sink = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' });
      res.end();
    });
  });
  await new Promise<void>((resolve) => sink.listen({ host: '127.0.0.1', port: 0 }, resolve));
  return {
    url: `http://127.0.0.1:${(sink.address() as AddressInfo).port}`,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        sink.close(() => resolve());
        sink.closeAllConnections();
      }),
  };
}

const role = process.env.BENCH_ROLE === 'server' ? serve() : measure();
role.catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
