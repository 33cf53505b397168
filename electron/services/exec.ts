// The one way the app runs a child process (docker, docker-compose, prometheus --version, …):
// an args array and no shell, so nothing a setting contains is ever interpreted by a shell; a
// timeout and an AbortSignal that really end the process; and one typed error that says which
// command failed and what it printed last, never a JS stack.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { statSync } from 'node:fs';
import { ConsoleError, type ConsoleErrorCode } from '../../shared/api';

export interface RunOptions {
  cwd?: string;
  /** Merged over process.env; a key set to undefined is removed from the child's environment. */
  env?: NodeJS.ProcessEnv;
  /** Default 60 s; 0 means no timeout. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Written to stdin, which is then closed; without it stdin is closed at once (EOF). */
  input?: string;
  /** Each complete non-empty line as it arrives (\n, \r\n and bare \r all end a line). */
  onStdoutLine?: (line: string) => void;
  onStderrLine?: (line: string) => void;
  /** Per stream, in characters; beyond it only the tail is kept. Default 8 Mi. */
  maxOutputChars?: number;
  /** Between SIGTERM and SIGKILL on timeout or abort. Default 3 s. */
  killGraceMs?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export type CommandErrorCode =
  'command-not-found' | 'command-failed' | 'command-timeout' | 'command-aborted';

export class CommandError extends ConsoleError {
  /** The command as a person would type it (no environment). */
  readonly command: string;
  /** null when the process never started or was ended by a signal. */
  readonly exitCode: number | null;
  /** The last lines of stderr (of stdout when stderr was empty). */
  readonly stderrTail: string;
  /** Everything the command printed on stdout (bounded), e.g. for parsing a partial result. */
  readonly stdout: string;

  constructor(info: {
    /** runCommand sets a CommandErrorCode; a caller may re-classify ('compose-up-failed'). */
    code: ConsoleErrorCode;
    message: string;
    fix?: string;
    command: string;
    exitCode: number | null;
    stderrTail: string;
    stdout?: string;
  }) {
    super({ code: info.code, message: info.message, ...(info.fix ? { fix: info.fix } : {}) });
    this.name = 'CommandError';
    this.command = info.command;
    this.exitCode = info.exitCode;
    this.stderrTail = info.stderrTail;
    this.stdout = info.stdout ?? '';
  }
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_OUTPUT = 8 * 1024 * 1024;
const DEFAULT_KILL_GRACE_MS = 3_000;
const TAIL_LINES = 20;
const MESSAGE_LINES = 6;
/** After exit, how long a grandchild may keep our pipes open before we stop waiting for them. */
const PIPE_DRAIN_MS = 1_000;

/** Shell-like rendering for messages only; nothing is ever run through a shell. */
export function formatCommand(file: string, args: readonly string[]): string {
  const quote = (a: string): string =>
    /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
  return [file, ...args].map(quote).join(' ');
}

/** The last `count` non-empty lines of a text. */
export function lastLines(text: string, count: number): string {
  const lines = text.split(/\r?\n|\r/).filter((l) => l.trim() !== '');
  return lines.slice(-count).join('\n');
}

/** Collects one output stream: keeps a bounded tail and reports complete lines. */
class StreamCollector {
  private text = '';
  private partial = '';
  constructor(
    private readonly maxChars: number,
    private readonly onLine: ((line: string) => void) | undefined,
  ) {}

  push(chunk: string): void {
    this.text += chunk;
    // Trim only past twice the bound so trimming stays amortised O(1) per character.
    if (this.text.length > this.maxChars * 2) this.text = this.text.slice(-this.maxChars);
    if (!this.onLine) return;
    const parts = (this.partial + chunk).split(/\r?\n|\r/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) if (line !== '') this.emit(line);
  }

  finish(): string {
    if (this.partial !== '') this.emit(this.partial);
    this.partial = '';
    return this.text.length > this.maxChars ? this.text.slice(-this.maxChars) : this.text;
  }

  private emit(line: string): void {
    try {
      this.onLine?.(line);
    } catch {
      // A listener's bug must not take down the command it listens to.
    }
  }
}

function cwdMissing(cwd: string | undefined): boolean {
  if (cwd === undefined) return false;
  try {
    return !statSync(cwd).isDirectory();
  } catch {
    return true;
  }
}

/** What is known about a child process once its streams have closed. */
export interface ChildExit {
  /** The program as given to spawn, for "was not found". */
  file: string;
  cwd?: string;
  /** The working folder does not exist (asked only when the start failed with ENOENT). */
  cwdMissing: boolean;
  /** The PATH the child was given, named in the fix for a program that is not found. */
  childPath: string | undefined;
  timeoutMs: number;
  /** The 'error' event: the process never started. */
  spawnError: { code?: string; message: string } | null;
  /** runCommand ended the process itself. */
  ended: 'timeout' | 'aborted' | null;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

export type ExitVerdict =
  | { ok: true }
  | { ok: false; code: CommandErrorCode; what: string; exitCode: number | null; fix?: string };

/**
 * How a finished command is reported: success only for exit code 0 of a process that started
 * and was neither timed out nor cancelled; otherwise the error code, the words after the command
 * in the message, and a fix where one is known. Pure, so every branch is tested without a
 * process.
 */
export function classifyExit(x: ChildExit): ExitVerdict {
  const failed = (code: CommandErrorCode, what: string, exitCode: number | null = null) => ({
    ok: false as const,
    code,
    what,
    exitCode,
  });
  if (x.spawnError) {
    if (x.spawnError.code === 'ENOENT' && x.cwdMissing) {
      return failed('command-failed', `could not start: folder ${x.cwd} does not exist`);
    }
    if (x.spawnError.code === 'ENOENT') {
      return {
        ...failed('command-not-found', `could not start: ${x.file} was not found`),
        fix: `Install ${x.file} or put it on PATH (PATH is ${x.childPath ?? 'unset'}).`,
      };
    }
    return failed('command-failed', `could not start: ${x.spawnError.message}`);
  }
  if (x.ended === 'timeout') {
    const what = `did not finish within ${x.timeoutMs / 1000} s and was stopped`;
    return failed('command-timeout', what, x.exitCode);
  }
  if (x.ended === 'aborted') return failed('command-aborted', 'was cancelled', x.exitCode);
  if (x.exitCode === 0) return { ok: true };
  if (x.exitCode === null) {
    return failed('command-failed', `was ended by ${x.signal ?? 'a signal'}`);
  }
  return failed('command-failed', `exited with code ${x.exitCode}`, x.exitCode);
}

/** A failed command as its error: the command, the failure, and the last lines it printed. */
function commandError(
  command: string,
  verdict: Extract<ExitVerdict, { ok: false }>,
  stdout: string,
  stderr: string,
): CommandError {
  const stderrTail = lastLines(stderr, TAIL_LINES) || lastLines(stdout, TAIL_LINES);
  const shown = lastLines(stderrTail, MESSAGE_LINES);
  return new CommandError({
    code: verdict.code,
    message: `\`${command}\` ${verdict.what}${shown ? `:\n${shown}` : ''}`,
    ...(verdict.fix ? { fix: verdict.fix } : {}),
    command,
    exitCode: verdict.exitCode,
    stderrTail,
    stdout,
  });
}

type Supervised = Pick<ChildExit, 'spawnError' | 'ended' | 'exitCode' | 'signal'> & {
  stdout: string;
  stderr: string;
};

/**
 * Feeds the child its input, collects its output, and ends it on timeout or abort (SIGTERM, then
 * SIGKILL after the grace); settles once its streams have closed.
 */
function supervise(child: ChildProcessWithoutNullStreams, opts: RunOptions): Promise<Supervised> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const grace = opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const maxChars = opts.maxOutputChars ?? DEFAULT_MAX_OUTPUT;
  const out = new StreamCollector(maxChars, opts.onStdoutLine);
  const err = new StreamCollector(maxChars, opts.onStderrLine);
  child.stdout.setEncoding('utf8').on('data', (c: string) => out.push(c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => err.push(c));

  let ended: Supervised['ended'] = null;
  let spawnError: NodeJS.ErrnoException | null = null;
  const timers: NodeJS.Timeout[] = [];

  const terminate = (why: 'timeout' | 'aborted'): void => {
    if (ended || child.exitCode !== null || child.signalCode !== null) return;
    ended = why;
    child.kill('SIGTERM');
    timers.push(setTimeout(() => child.kill('SIGKILL'), grace));
  };
  if (timeoutMs > 0) timers.push(setTimeout(() => terminate('timeout'), timeoutMs));
  const onAbort = (): void => terminate('aborted');
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  // A child that exits without reading its input closes the pipe: not our failure.
  child.stdin.on('error', () => undefined);
  child.stdin.end(opts.input);

  child.on('error', (e: NodeJS.ErrnoException) => {
    // 'error' without a process means it never started; 'close' still follows.
    spawnError ??= e;
  });
  child.on('exit', () => {
    // A grandchild that inherited our pipes (a daemonising tool) must not hold us hostage.
    timers.push(
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, PIPE_DRAIN_MS),
    );
  });

  return new Promise((resolve) => {
    child.on('close', (exitCode: number | null, signal: NodeJS.Signals | null) => {
      timers.forEach(clearTimeout);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve({ spawnError, ended, exitCode, signal, stdout: out.finish(), stderr: err.finish() });
    });
  });
}

export async function runCommand(
  file: string,
  args: string[],
  opts: RunOptions = {},
): Promise<RunResult> {
  const command = formatCommand(file, args);
  const cannot = (code: CommandErrorCode, what: string): CommandError =>
    commandError(command, { ok: false, code, what, exitCode: null }, '', '');
  if (opts.signal?.aborted) throw cannot('command-aborted', 'was cancelled before it started');

  let child: ChildProcessWithoutNullStreams;
  try {
    child = spawn(file, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
    });
  } catch (e) {
    // Synchronous refusals: a NUL byte in an argument, an invalid option.
    throw cannot(
      'command-failed',
      `could not start: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const run = await supervise(child, opts);
  const verdict = classifyExit({
    file,
    cwd: opts.cwd,
    cwdMissing: run.spawnError?.code === 'ENOENT' && cwdMissing(opts.cwd),
    childPath: opts.env && 'PATH' in opts.env ? opts.env.PATH : process.env.PATH,
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    spawnError: run.spawnError,
    ended: run.ended,
    exitCode: run.exitCode,
    signal: run.signal,
  });
  if (!verdict.ok) throw commandError(command, verdict, run.stdout, run.stderr);
  return { stdout: run.stdout, stderr: run.stderr, exitCode: 0 };
}
