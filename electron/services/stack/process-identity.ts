// Is pid N still the program we think it is? A pid in a state or lock file outlives its process
// and gets reused, so "alive" alone proves nothing: a zombie answers kill(0) and another program
// may own the number by now. Its command line (Linux: /proc/<pid>/cmdline; elsewhere `ps -o
// args=`) says whether it is ours.
import { readdir, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { runCommand } from '../exec';

/** kill(pid, 0) and, on Linux, not a zombie (a dead child nobody reaped still has its pid). */
export async function pidAlive(pid: number): Promise<boolean> {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive, but another user's; it cannot be a process we started.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) S ...": the state follows the last ')' (comm may hold spaces and parens).
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** The argv of a running process; null when it is gone or unreadable. */
export async function commandLine(pid: number): Promise<string[] | null> {
  if (process.platform === 'linux') {
    try {
      const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      const argv = raw.split('\0');
      if (argv.at(-1) === '') argv.pop();
      return argv.length ? argv : null;
    } catch {
      return null;
    }
  }
  try {
    const { stdout } = await runCommand('ps', ['-o', 'args=', '-p', String(pid)], {
      timeoutMs: 5_000,
    });
    const line = stdout.trim();
    // ps joins argv with spaces; callers compare arguments as substrings then.
    return line ? [line] : null;
  } catch {
    return null;
  }
}

/**
 * Whether `argv` is `file` run with `args`. A script stand-in runs as [interpreter, script, ...],
 * so the binary is matched by name anywhere before the arguments, and the arguments as the tail.
 */
export function isCommand(argv: string[], file: string, args: readonly string[]): boolean {
  if (argv.length === 1 && args.length > 0) {
    // `ps -o args=`: one joined string.
    const joined = argv[0] ?? '';
    return joined.includes(basename(file)) && args.every((a) => joined.includes(a));
  }
  const head = argv.slice(0, argv.length - args.length);
  const tail = argv.slice(argv.length - args.length);
  return (
    tail.length === args.length &&
    tail.every((a, i) => a === args[i]) &&
    head.some((a) => a === file || basename(a) === basename(file))
  );
}

/** Alive and running `file` with `args`: the only pid we will signal. */
export async function isOurProcess(
  pid: number,
  file: string,
  args: readonly string[],
): Promise<boolean> {
  if (!(await pidAlive(pid))) return false;
  const argv = await commandLine(pid);
  return argv !== null && isCommand(argv, file, args);
}

/**
 * Alive and holding `identity` among its arguments: an argument only a process of this data
 * folder has (Prometheus's --storage.tsdb.path, Grafana's data path). Not the executable's name:
 * a wrapper script that execs the real binary keeps its pid but changes its name.
 */
export async function holdsArgument(pid: number, identity: string): Promise<boolean> {
  if (!(await pidAlive(pid))) return false;
  const argv = await commandLine(pid);
  if (argv === null) return false;
  // `ps -o args=` joins argv with spaces: there the identity is a substring.
  return argv.length === 1 ? (argv[0] ?? '').includes(identity) : argv.includes(identity);
}

/** Every live process (not this one) holding `identity` among its arguments, lowest pid first. */
export async function processesHolding(identity: string): Promise<number[]> {
  let pids: number[];
  if (process.platform === 'linux') {
    pids = (await readdir('/proc').catch(() => []))
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } else {
    try {
      const { stdout } = await runCommand('ps', ['-A', '-o', 'pid='], { timeoutMs: 5_000 });
      pids = stdout.split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  }
  const found: number[] = [];
  for (const pid of pids.sort((a, b) => a - b)) {
    if (pid !== process.pid && (await holdsArgument(pid, identity))) found.push(pid);
  }
  return found;
}

/** Whether the process's argv ends with `args` (what it was started with, under any name). */
export async function endsWithArgs(pid: number, args: readonly string[]): Promise<boolean> {
  const argv = await commandLine(pid);
  if (argv === null) return false;
  if (argv.length === 1 && args.length > 0) return args.every((a) => (argv[0] ?? '').includes(a));
  const tail = argv.slice(argv.length - args.length);
  return tail.length === args.length && tail.every((a, i) => a === args[i]);
}
