// Throughput, latency and server CPU per request of the embedded watch-only server, with
// instrumentation on and off.
//   npx tsx bench/server.bench.ts                  (npm run bench:server)
//   BENCH_SECONDS=2 BENCH_ROUNDS=6 npx tsx bench/server.bench.ts  (round length and count)
// The server runs in a child process and autocannon in this one, so each has a core, the way
// a server and its scrapers would. Besides req/s (which other load on the box moves), the
// child reports its own CPU time, and CPU µs per request is what instrumentation costs.
// Every round is bounded in time; the child is stopped at the end.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { MetricsServer } from '../electron/services/metrics-server';

interface Histo {
  average: number;
  p50: number;
  p99: number;
}
interface AutocannonResult {
  requests: Histo & { total: number };
  latency: Histo;
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  pipelining: number;
  duration: number;
}
// autocannon ships no types; this is the part of its API used here.
type Autocannon = (opts: AutocannonOptions) => Promise<AutocannonResult>;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;

type ToServer = { type: 'flags'; enabled: boolean } | { type: 'cpu' } | { type: 'stop' };
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
  process.on('message', (m: ToServer) => {
    if (m.type === 'flags') {
      server.setFlags({ enabled: m.enabled });
      reply({ type: 'ack' });
    } else if (m.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      reply({ type: 'cpu', micros: user + system, served: server.status().requestsServed });
    } else {
      void server.stop().then(() => process.exit(0));
    }
  });
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

  async ask(m: ToServer): Promise<FromServer> {
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

async function round(
  autocannon: Autocannon,
  proc: ServerProcess,
  url: string,
  scenario: string,
  connections: number,
  seconds = SECONDS,
): Promise<Row> {
  const before = await proc.ask({ type: 'cpu' });
  const r = await autocannon({ url, connections, pipelining: 1, duration: seconds });
  const after = await proc.ask({ type: 'cpu' });
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

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

function printTable(rows: Row[]): void {
  const head = ['scenario', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'failed'];
  const body = rows.map((r) => [
    r.scenario,
    String(r.connections),
    r.reqPerSec.toFixed(0),
    String(r.p50),
    String(r.p99),
    r.cpuMicrosPerReq.toFixed(1),
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

async function measure(): Promise<void> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`,
  );
  console.log(
    `load average at start: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`rounds: ${SECONDS} s each, pipelining 1, latency resolution 1 ms (autocannon)\n`);

  const { proc, port } = await ServerProcess.start();
  const base = `http://127.0.0.1:${port}`;
  const rows: Row[] = [];
  try {
    // Warm-up (JIT, label-child cache); not reported.
    await proc.ask({ type: 'flags', enabled: true });
    await round(autocannon, proc, `${base}/api/status`, 'warm-up', CONNECTIONS, 2);

    const runs = { on: [] as Row[], off: [] as Row[] };
    for (let i = 1; i <= ROUNDS; i++) {
      // Off-on, on-off, off-on, …: drift in the box's load does not always favour one side.
      for (const enabled of i % 2 === 1 ? [false, true] : [true, false]) {
        await proc.ask({ type: 'flags', enabled });
        const name = `/api/status ${enabled ? 'on' : 'off'} #${i}`;
        const row = await round(autocannon, proc, `${base}/api/status`, name, CONNECTIONS);
        runs[enabled ? 'on' : 'off'].push(row);
        rows.push(row);
      }
    }
    await proc.ask({ type: 'flags', enabled: true });
    // One connection is one Prometheus scraping; 10 stand for several scrapers at once.
    rows.push(await round(autocannon, proc, `${base}/metrics`, '/metrics on', 1));
    rows.push(await round(autocannon, proc, `${base}/metrics`, '/metrics on', 10));

    printTable(rows);
    const rps = (rs: Row[]): number => median(rs.map((r) => r.reqPerSec));
    const cpu = (rs: Row[]): number => median(rs.map((r) => r.cpuMicrosPerReq));
    // Paired: each "on" round against the "off" round next to it, so load that other
    // processes put on the box moves both sides of a ratio alike.
    const paired = (f: (on: Row, off: Row) => number): number =>
      median(runs.on.map((on, i) => (runs.off[i] ? f(on, runs.off[i]) : NaN)));
    const ratio = paired((on, off) => on.reqPerSec / off.reqPerSec);
    const cpuCost = paired((on, off) => on.cpuMicrosPerReq / off.cpuMicrosPerReq - 1);
    console.log(
      `\n/api/status median req/s: on ${rps(runs.on).toFixed(0)}, off ${rps(runs.off).toFixed(0)}; ` +
        `median paired on/off throughput ratio ${ratio.toFixed(3)}`,
    );
    console.log(
      `server CPU per request (median): on ${cpu(runs.on).toFixed(1)} µs, off ${cpu(runs.off).toFixed(1)} µs; ` +
        `median paired instrumentation cost ${(cpuCost * 100).toFixed(1)} %`,
    );
    const failed = rows.reduce((n, r) => n + r.failed, 0);
    if (failed > 0) console.log(`WARNING: ${failed} failed requests (errors, timeouts or non-2xx)`);
    console.log(
      `load average at end: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await proc.stop();
  }
}

const role = process.env.BENCH_ROLE === 'server' ? serve() : measure();
role.catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
