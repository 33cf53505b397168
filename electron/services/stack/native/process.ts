// One long-running service of the native runtime (Prometheus or Grafana) that outlives whoever
// started it: spawned detached in its own session with stdout/stderr going straight to a log file
// in the data folder, unref'd, and described by a state file (pid, port, start time, config hash,
// binary, args, who started it). The state file is written BEFORE the spawn (an intent with no
// pid), so a starter killed at any moment leaves a file behind, and the pid is added right after.
// A process counts as ours when its arguments hold this data folder's identity (Prometheus's
// --storage.tsdb.path, Grafana's data path; process-identity.ts), whatever its executable is
// called (a wrapper script that execs the real binary keeps the pid, not the name): one found that
// way without a pid in the file is adopted, and only such a process is ever signalled.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../../fs-atomic';
import { appendLine, rotate } from './log-file';
import {
  commandLine,
  endsWithArgs,
  holdsArgument,
  pidAlive,
  processesHolding,
} from '../process-identity';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (ENOENT, EACCES). */
  spawnError: string | null;
  /** true when stop() ended it, so the exit is not a crash. */
  stoppedByUs: boolean;
}

export interface ServiceRecord {
  /** 0 in the intent written before the spawn, until the spawn returns a pid. */
  pid: number;
  port: number;
  startedAt: string;
  /** sha256 of the config it was started or last reloaded with. */
  configHash: string;
  binary: string;
  args: string[];
  startedBy: { client: string; pid: number };
}

export type ReadyOutcome = 'ready' | 'exited' | 'timeout' | 'aborted';

export class NativeProcess {
  /** Set only in the process that spawned it: its exit code and signal are known here. */
  private child: ChildProcess | null = null;
  private childExited: Promise<void> = Promise.resolve();
  private exitInfo: ExitInfo | null = null;
  private stopping = false;
  /** The record of the process this object last saw alive (started or adopted). */
  private seen: ServiceRecord | null = null;

  /**
   * `identity`: an argument only this data folder's process of this service has (its data path);
   * what tells ours from any other process, whatever the pid in the state file says.
   */
  constructor(
    readonly logFile: string,
    readonly stateFile: string,
    readonly identity: string,
  ) {}

  /** How the last run this process watched ended; null while running or never seen. */
  get exit(): ExitInfo | null {
    return this.exitInfo;
  }

  /**
   * The record of a live process of ours, or null. A state file whose pid is missing (a starter
   * killed between spawn and recording it), dead or another program's is checked against the
   * processes that hold our identity: one found is adopted and recorded.
   */
  async current(): Promise<ServiceRecord | null> {
    const record = await readRecord(this.stateFile);
    if (record && record.pid > 0 && (await holdsArgument(record.pid, this.identity))) {
      if (this.seen?.pid !== record.pid) this.exitInfo = null;
      this.seen = record;
      return record;
    }
    if (record && this.child?.pid === record.pid && !this.exitInfo) {
      // Our own child: its exit code and signal are on their way; wait a moment for them.
      await Promise.race([this.childExited, new Promise((r) => setTimeout(r, 1_000))]);
    }
    const adopted = await this.adopt(record);
    if (adopted) return adopted;
    if (this.seen && !this.exitInfo && record?.pid === this.seen.pid) {
      // Adopted, and gone without us: its exit code went to its own parent.
      this.exitInfo = { code: null, signal: null, spawnError: null, stoppedByUs: false };
    }
    return null;
  }

  /** Whether the live process of ours was started with exactly `args` (under any executable). */
  async runsWith(args: readonly string[]): Promise<boolean> {
    const record = await this.current();
    return record !== null && (await endsWithArgs(record.pid, args));
  }

  /** Whether `current()` would find a record that it refuses (a stale file): for the status. */
  async staleRecord(): Promise<ServiceRecord | null> {
    const record = await readRecord(this.stateFile);
    // An intent with no process is a start that died before spawning: nothing ran, nothing stale.
    if (!record || record.pid <= 0) return null;
    return (await holdsArgument(record.pid, this.identity)) ? null : record;
  }

  /** A live process holding our identity, written into the state file as ours. */
  private async adopt(record: ServiceRecord | null): Promise<ServiceRecord | null> {
    const [pid] = await processesHolding(this.identity);
    if (pid === undefined) return null;
    const port = record?.port ?? portFromArgs(await commandLineOf(pid));
    const adopted: ServiceRecord = {
      pid,
      port,
      startedAt: record?.startedAt ?? new Date().toISOString(),
      configHash: record?.configHash ?? '',
      binary: record?.binary ?? '',
      args: record?.args ?? [],
      startedBy: record?.startedBy ?? { client: 'an earlier Peak Watch', pid: 0 },
    };
    await writeRecord(this.stateFile, adopted);
    if (this.seen?.pid !== pid) this.exitInfo = null;
    this.seen = adopted;
    return adopted;
  }

  async start(
    file: string,
    args: string[],
    opts: {
      cwd: string;
      env?: NodeJS.ProcessEnv;
      port: number;
      configHash: string;
      startedBy: string;
    },
  ): Promise<ServiceRecord | null> {
    await mkdir(dirname(this.logFile), { recursive: true });
    await mkdir(opts.cwd, { recursive: true });
    rotate(this.logFile);
    const intent: ServiceRecord = {
      pid: 0,
      port: opts.port,
      startedAt: new Date().toISOString(),
      configHash: opts.configHash,
      binary: file,
      args,
      startedBy: { client: opts.startedBy, pid: process.pid },
    };
    // Before the spawn: from here on, whatever kills this process, the next one finds the file
    // and looks for our process by its identity.
    await writeRecord(this.stateFile, intent);
    const log = await open(this.logFile, 'a', 0o600);
    this.exitInfo = null;
    this.stopping = false;
    let child: ChildProcess;
    try {
      await log.write(
        `--- peak-watch ${new Date().toISOString()}: starting ${[file, ...args].join(' ')}\n`,
      );
      // detached: its own session, so the terminal's Ctrl-C and our exit do not reach it.
      child = spawn(file, args, {
        cwd: opts.cwd,
        env: opts.env ?? process.env,
        stdio: ['ignore', log.fd, log.fd],
        detached: true,
        shell: false,
        windowsHide: true,
      });
    } finally {
      await log.close(); // the child holds its own copy of the descriptor
    }
    this.child = child;
    child.unref();
    this.childExited = new Promise((r) => child.once('exit', () => r()));
    child.once('exit', (code, signal) => this.ended(child, { code, signal, spawnError: null }));
    child.once('error', (err: NodeJS.ErrnoException) => {
      // 'error' without a pid: it never ran. With a pid (a failed kill) it is still running.
      if (child.pid === undefined) {
        this.ended(child, {
          code: null,
          signal: null,
          spawnError: `could not start ${file}: ${err.code ?? err.message}`,
        });
      }
    });
    if (child.pid === undefined) {
      await new Promise((r) => setImmediate(r)); // let 'error' record why
      await unlink(this.stateFile).catch(() => undefined);
      return null;
    }
    const record: ServiceRecord = { ...intent, pid: child.pid };
    await writeRecord(this.stateFile, record);
    this.seen = record;
    return record;
  }

  /** Records a reload with a new config in the state file. */
  async updateConfigHash(configHash: string): Promise<void> {
    const record = await this.current();
    if (!record) return;
    const next = { ...record, configHash };
    await writeRecord(this.stateFile, next);
    this.seen = next;
  }

  /** Sends `signal` to the process only if it is still ours. Returns whether it was sent. */
  async signal(signal: NodeJS.Signals): Promise<boolean> {
    const record = await this.current();
    if (!record) return false;
    process.kill(record.pid, signal);
    return true;
  }

  /** Waits until `probe` says ready, the process dies, the time is up or `signal` aborts. */
  async waitUntilReady(
    probe: () => Promise<boolean>,
    opts: { timeoutMs: number; intervalMs?: number; signal?: AbortSignal },
  ): Promise<ReadyOutcome> {
    const deadline = Date.now() + opts.timeoutMs;
    for (;;) {
      if (!(await this.current())) return 'exited';
      if (opts.signal?.aborted) return 'aborted';
      const ready = await probe().catch(() => false);
      // Something else may answer on the port; only our live process counts as ready.
      if (ready && (await this.current())) return 'ready';
      if (Date.now() >= deadline) return 'timeout';
      await new Promise((r) => setTimeout(r, opts.intervalMs ?? 250));
    }
  }

  /**
   * SIGTERM, then SIGKILL after `graceMs`; resolves once it is gone; removes the state file. Any
   * other process still holding our identity (a wrapper's child that outlived it) goes the same
   * way, so nothing of ours is left on the port.
   */
  async stop(graceMs: number): Promise<void> {
    const record = await this.current();
    if (record) {
      this.stopping = true;
      await this.terminate(record.pid, graceMs);
      if (!this.exitInfo || this.child?.pid !== record.pid) {
        this.exitInfo = { code: null, signal: 'SIGTERM', spawnError: null, stoppedByUs: true };
      }
    }
    for (let round = 0; round < 5; round++) {
      const [left] = await processesHolding(this.identity);
      if (left === undefined) break;
      await this.terminate(left, graceMs);
    }
    await unlink(this.stateFile).catch(() => undefined);
  }

  private async terminate(pid: number, graceMs: number): Promise<void> {
    if (!signalPid(pid, 'SIGTERM')) return;
    const deadline = Date.now() + graceMs;
    while (await pidAlive(pid)) {
      if (Date.now() >= deadline) {
        await appendLine(this.logFile, `no exit ${graceMs} ms after SIGTERM; sending SIGKILL`);
        signalPid(pid, 'SIGKILL');
        while (await pidAlive(pid)) await new Promise((r) => setTimeout(r, 50));
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private ended(child: ChildProcess, info: Omit<ExitInfo, 'stoppedByUs'>): void {
    if (this.child !== child) return;
    this.exitInfo = { ...info, stoppedByUs: this.stopping };
    const how =
      info.spawnError ?? (info.signal ? `killed by ${info.signal}` : `exit code ${info.code}`);
    void appendLine(this.logFile, `process ended (${how})`);
  }
}

async function readRecord(file: string): Promise<ServiceRecord | null> {
  try {
    const r = JSON.parse(await readFile(file, 'utf8')) as Partial<ServiceRecord>;
    if (
      typeof r.pid !== 'number' ||
      typeof r.port !== 'number' ||
      typeof r.binary !== 'string' ||
      !Array.isArray(r.args)
    )
      return null;
    return r as ServiceRecord;
  } catch {
    return null;
  }
}

function writeRecord(file: string, record: ServiceRecord): Promise<void> {
  return writeFileAtomic(file, JSON.stringify(record, null, 2) + '\n', 0o600);
}

/** kill() that treats a process gone in the meantime as done (false), not as a crash. */
function signalPid(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}

async function commandLineOf(pid: number): Promise<string[]> {
  return (await commandLine(pid)) ?? [];
}

/** The port in --web.listen-address=host:port; 0 when the arguments do not say. */
function portFromArgs(argv: string[]): number {
  for (const arg of argv) {
    const m = /^--web\.listen-address=.*:(\d+)$/.exec(arg);
    if (m?.[1]) return Number(m[1]);
  }
  return 0;
}
