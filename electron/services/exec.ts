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

export function runCommand(
  file: string,
  args: string[],
  opts: RunOptions = {},
): Promise<RunResult> {
  const command = formatCommand(file, args);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const grace = opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const maxChars = opts.maxOutputChars ?? DEFAULT_MAX_OUTPUT;

  const fail = (
    code: CommandErrorCode,
    what: string,
    exitCode: number | null,
    stdout: string,
    stderr: string,
    fix?: string,
  ): CommandError => {
    const stderrTail = lastLines(stderr, TAIL_LINES) || lastLines(stdout, TAIL_LINES);
    const shown = lastLines(stderrTail, MESSAGE_LINES);
    return new CommandError({
      code,
      message: `\`${command}\` ${what}${shown ? `:\n${shown}` : ''}`,
      ...(fix ? { fix } : {}),
      command,
      exitCode,
      stderrTail,
      stdout,
    });
  };

  if (opts.signal?.aborted) {
    return Promise.reject(fail('command-aborted', 'was cancelled before it started', null, '', ''));
  }

  return new Promise<RunResult>((resolve, reject) => {
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
      const why = e instanceof Error ? e.message : String(e);
      reject(fail('command-failed', `could not start: ${why}`, null, '', ''));
      return;
    }
    const childPath = opts.env && 'PATH' in opts.env ? opts.env.PATH : process.env.PATH;
    const out = new StreamCollector(maxChars, opts.onStdoutLine);
    const err = new StreamCollector(maxChars, opts.onStderrLine);
    child.stdout.setEncoding('utf8').on('data', (c: string) => out.push(c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => err.push(c));

    let ended: 'timeout' | 'aborted' | null = null;
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

    child.on('close', (exitCode: number | null, signal: NodeJS.Signals | null) => {
      timers.forEach(clearTimeout);
      opts.signal?.removeEventListener('abort', onAbort);
      const stdout = out.finish();
      const stderr = err.finish();
      if (spawnError) {
        if (spawnError.code === 'ENOENT' && cwdMissing(opts.cwd)) {
          reject(
            fail(
              'command-failed',
              `could not start: folder ${opts.cwd} does not exist`,
              null,
              stdout,
              stderr,
            ),
          );
        } else if (spawnError.code === 'ENOENT') {
          reject(
            fail(
              'command-not-found',
              `could not start: ${file} was not found`,
              null,
              stdout,
              stderr,
              `Install ${file} or put it on PATH (PATH is ${childPath ?? 'unset'}).`,
            ),
          );
        } else {
          reject(
            fail('command-failed', `could not start: ${spawnError.message}`, null, stdout, stderr),
          );
        }
      } else if (ended === 'timeout') {
        reject(
          fail(
            'command-timeout',
            `did not finish within ${timeoutMs / 1000} s and was stopped`,
            exitCode,
            stdout,
            stderr,
          ),
        );
      } else if (ended === 'aborted') {
        reject(fail('command-aborted', 'was cancelled', exitCode, stdout, stderr));
      } else if (exitCode === 0) {
        resolve({ stdout, stderr, exitCode });
      } else if (exitCode === null) {
        reject(
          fail('command-failed', `was ended by ${signal ?? 'a signal'}`, null, stdout, stderr),
        );
      } else {
        reject(fail('command-failed', `exited with code ${exitCode}`, exitCode, stdout, stderr));
      }
    });
  });
}
