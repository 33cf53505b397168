// One long-running child process of the native runtime (Prometheus or Grafana): spawned with an
// args array and no shell, its output kept as the last lines in memory and appended to a log file,
// its exit remembered, and stopped with SIGTERM then SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, renameSync, statSync, type WriteStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';

export const DEFAULT_LOG_LINES = 2000;
/** A log file past this size is moved to <file>.1 when the service next starts. */
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;
const PIPE_DRAIN_MS = 500;

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (ENOENT, EACCES). */
  spawnError: string | null;
  /** true when stop() or kill() ended it, so the exit is not a crash. */
  stoppedByUs: boolean;
}

export type ReadyOutcome = 'ready' | 'exited' | 'timeout' | 'aborted';

export class NativeProcess {
  private child: ChildProcess | null = null;
  private lines: string[] = [];
  private partial = { out: '', err: '' };
  private log: WriteStream | null = null;
  private exitInfo: ExitInfo | null = null;
  private exited: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    readonly logFile: string,
    private readonly maxLines = DEFAULT_LOG_LINES,
  ) {}

  /** Alive: spawned and not yet exited. */
  get running(): boolean {
    return this.child !== null && this.exitInfo === null;
  }

  get pid(): number | null {
    return this.running ? (this.child?.pid ?? null) : null;
  }

  /** How the last run ended; null while running or before the first start. */
  get exit(): ExitInfo | null {
    return this.exitInfo;
  }

  tail(count: number): string[] {
    return this.lines.slice(-count);
  }

  async start(
    file: string,
    args: string[],
    opts: { cwd: string; env?: NodeJS.ProcessEnv },
  ): Promise<void> {
    if (this.running) return;
    await mkdir(dirname(this.logFile), { recursive: true });
    await mkdir(opts.cwd, { recursive: true });
    this.openLog();
    this.lines = [];
    this.partial = { out: '', err: '' };
    this.exitInfo = null;
    this.stopping = false;
    this.record(
      `--- peak-watch ${new Date().toISOString()}: starting ${[file, ...args].join(' ')}`,
    );
    const child = spawn(file, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
    });
    this.child = child;
    child.stdout?.setEncoding('utf8').on('data', (c: string) => this.push('out', c));
    child.stderr?.setEncoding('utf8').on('data', (c: string) => this.push('err', c));
    this.exited = new Promise<void>((resolve) => {
      const done = (info: Omit<ExitInfo, 'stoppedByUs'>): void => {
        if (this.exitInfo !== null || this.child !== child) return resolve();
        this.flushPartial();
        this.exitInfo = { ...info, stoppedByUs: this.stopping };
        const how =
          info.spawnError ?? (info.signal ? `killed by ${info.signal}` : `exit code ${info.code}`);
        this.record(`--- peak-watch ${new Date().toISOString()}: process ended (${how})`);
        resolve();
      };
      child.once('exit', (code, signal) => {
        // Its last words (why it exited) may still be in the pipes: wait for them to drain, but
        // not for a grandchild that inherited them.
        const drained = setTimeout(() => done({ code, signal, spawnError: null }), PIPE_DRAIN_MS);
        child.once('close', () => {
          clearTimeout(drained);
          done({ code, signal, spawnError: null });
        });
      });
      child.once('error', (err: NodeJS.ErrnoException) => {
        // 'error' without a pid: it never ran. With a pid (a failed kill) it is still running.
        if (child.pid === undefined) {
          done({
            code: null,
            signal: null,
            spawnError: `could not start ${file}: ${err.code ?? err.message}`,
          });
        }
      });
    });
  }

  /**
   * Waits until `probe` says ready, the process exits, the time is up or `signal` aborts.
   * Probe errors (connection refused while it starts) just mean "not yet".
   */
  async waitUntilReady(
    probe: () => Promise<boolean>,
    opts: { timeoutMs: number; intervalMs?: number; signal?: AbortSignal },
  ): Promise<ReadyOutcome> {
    const deadline = Date.now() + opts.timeoutMs;
    const interval = opts.intervalMs ?? 250;
    for (;;) {
      if (!this.running) return 'exited';
      if (opts.signal?.aborted) return 'aborted';
      const ready = await probe().catch(() => false);
      // Something else may answer on the port; only our live process counts as ready.
      if (ready && this.running) return 'ready';
      if (Date.now() >= deadline) return 'timeout';
      await Promise.race([new Promise((r) => setTimeout(r, interval)), this.exited]);
    }
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  async stop(graceMs: number): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.stopping = true;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      this.record(`--- peak-watch: no exit ${graceMs} ms after SIGTERM; sending SIGKILL`);
      child.kill('SIGKILL');
    }, graceMs);
    await this.exited;
    clearTimeout(timer);
    this.closeLog();
  }

  /** For app quit: signals at once and returns without waiting (nothing async may run). */
  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (this.child && this.running) {
      this.stopping = true;
      this.child.kill(signal);
    }
    this.closeLog();
  }

  private openLog(): void {
    this.closeLog();
    try {
      if (statSync(this.logFile).size > LOG_ROTATE_BYTES)
        renameSync(this.logFile, `${this.logFile}.1`);
    } catch {
      // No log yet.
    }
    this.log = createWriteStream(this.logFile, { flags: 'a' });
    // A full disk must not crash the app; the in-memory tail still works.
    this.log.on('error', () => (this.log = null));
  }

  private closeLog(): void {
    this.log?.end();
    this.log = null;
  }

  private push(stream: 'out' | 'err', chunk: string): void {
    const parts = (this.partial[stream] + chunk).split(/\r?\n/);
    this.partial[stream] = parts.pop() ?? '';
    for (const line of parts) if (line !== '') this.record(line);
  }

  private flushPartial(): void {
    for (const stream of ['out', 'err'] as const) {
      if (this.partial[stream] !== '') this.record(this.partial[stream]);
      this.partial[stream] = '';
    }
  }

  private record(line: string): void {
    this.lines.push(line);
    // Trim in batches so a chatty process costs O(1) per line.
    if (this.lines.length > this.maxLines * 1.5) this.lines = this.lines.slice(-this.maxLines);
    this.log?.write(line + '\n');
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
