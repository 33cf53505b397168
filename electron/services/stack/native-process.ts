// One long-running service of the native runtime (Prometheus or Grafana) that outlives whoever
// started it: spawned detached in its own session with stdout/stderr going straight to a log file
// in the data folder, unref'd, and described by a state file (pid, port, start time, config hash,
// binary, args, who started it). Any later process finds it through that file and signals it only
// after checking the pid still runs that very command (process-identity.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { renameSync, statSync } from 'node:fs';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../fs-atomic';
import { isOurProcess, pidAlive } from './process-identity';

/** A log file past this size is moved to <file>.1 when the service next starts. */
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (ENOENT, EACCES). */
  spawnError: string | null;
  /** true when stop() ended it, so the exit is not a crash. */
  stoppedByUs: boolean;
}

export interface ServiceRecord {
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

  constructor(
    readonly logFile: string,
    readonly stateFile: string,
  ) {}

  /** How the last run this process watched ended; null while running or never seen. */
  get exit(): ExitInfo | null {
    return this.exitInfo;
  }

  /** The record of a live process of ours, or null (none, dead, or the pid is another program). */
  async current(): Promise<ServiceRecord | null> {
    const record = await readRecord(this.stateFile);
    if (!record || !(await isOurProcess(record.pid, record.binary, record.args))) {
      if (record && this.child?.pid === record.pid && !this.exitInfo) {
        // Our own child: its exit code and signal are on their way; wait a moment for them.
        await Promise.race([this.childExited, new Promise((r) => setTimeout(r, 1_000))]);
      }
      if (this.seen && !this.exitInfo && record?.pid === this.seen.pid) {
        // Adopted, and gone without us: its exit code went to its own parent.
        this.exitInfo = { code: null, signal: null, spawnError: null, stoppedByUs: false };
      }
      return null;
    }
    if (this.seen?.pid !== record.pid) this.exitInfo = null;
    this.seen = record;
    return record;
  }

  /** Whether `current()` would find a record that it refuses (a stale file): for the status. */
  async staleRecord(): Promise<ServiceRecord | null> {
    const record = await readRecord(this.stateFile);
    if (!record) return null;
    return (await isOurProcess(record.pid, record.binary, record.args)) ? null : record;
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
      return null;
    }
    const record: ServiceRecord = {
      pid: child.pid,
      port: opts.port,
      startedAt: new Date().toISOString(),
      configHash: opts.configHash,
      binary: file,
      args,
      startedBy: { client: opts.startedBy, pid: process.pid },
    };
    await writeFileAtomic(this.stateFile, JSON.stringify(record, null, 2) + '\n', 0o600);
    this.seen = record;
    return record;
  }

  /** Records a reload with a new config in the state file. */
  async updateConfigHash(configHash: string): Promise<void> {
    const record = await this.current();
    if (!record) return;
    const next = { ...record, configHash };
    await writeFileAtomic(this.stateFile, JSON.stringify(next, null, 2) + '\n', 0o600);
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

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it is gone; removes the state file. */
  async stop(graceMs: number): Promise<void> {
    const record = await this.current();
    if (record) {
      this.stopping = true;
      process.kill(record.pid, 'SIGTERM');
      const deadline = Date.now() + graceMs;
      while (await pidAlive(record.pid)) {
        if (Date.now() >= deadline) {
          await appendLine(this.logFile, `no exit ${graceMs} ms after SIGTERM; sending SIGKILL`);
          process.kill(record.pid, 'SIGKILL');
          while (await pidAlive(record.pid)) await new Promise((r) => setTimeout(r, 50));
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      if (!this.exitInfo || this.child?.pid !== record.pid) {
        this.exitInfo = { code: null, signal: 'SIGTERM', spawnError: null, stoppedByUs: true };
      }
    }
    await unlink(this.stateFile).catch(() => undefined);
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
    if (typeof r.pid !== 'number' || typeof r.binary !== 'string' || !Array.isArray(r.args))
      return null;
    return r as ServiceRecord;
  } catch {
    return null;
  }
}

function rotate(logFile: string): void {
  try {
    if (statSync(logFile).size > LOG_ROTATE_BYTES) renameSync(logFile, `${logFile}.1`);
  } catch {
    // No log yet.
  }
}

async function appendLine(file: string, line: string): Promise<void> {
  try {
    const h = await open(file, 'a');
    await h.write(`--- peak-watch ${new Date().toISOString()}: ${line}\n`);
    await h.close();
  } catch {
    // A full disk must not crash the app.
  }
}

/** The last `count` lines of a file, reading at most its last 256 KiB. */
export async function readLastLines(file: string, count: number): Promise<string[]> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return [];
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 256 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString('utf8').split(/\r?\n/).filter(Boolean).slice(-count);
  } finally {
    await handle.close();
  }
}
