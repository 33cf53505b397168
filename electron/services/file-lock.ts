// A lock between processes that share one data folder (the app, the web host, the CLI): a lock
// file naming its holder. It survives a holder that was killed: a lock whose pid is gone (or was
// reused by another process) is stale and taken over; a live holder is waited for, for a bounded
// time, and then named in the error. Within one process, callers queue in memory first, and code
// already inside the lock (a secret generated during a settings write) does not wait for itself.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { ConsoleError } from '../../shared/errors';
import { pidAlive } from './stack/process-identity';

export interface LockHolder {
  pid: number;
  host: string;
  /** Who holds it, in the user's words: "peak-watch CLI", "Peak Watch app". */
  label: string;
  since: string;
  /** The process's start time where the OS tells (Linux), so a reused pid is not mistaken. */
  started: string | null;
  nonce: string;
  /** What the holder is doing, where the lock says ("starting", "stopping"). */
  action?: string;
}

export interface FileLockOptions {
  /** What the lock guards, for the error: "settings.json". */
  purpose: string;
  timeoutMs?: number;
}

export interface TryLockOptions {
  /** Who holds it, in the user's words, instead of this process's label. */
  label?: string;
  action?: string;
  /** The error for a live holder (default: "… is locked by …"). */
  busy?: (holder: LockHolder | null) => Error;
}

let processLabel = `node process ${process.pid}`;

/** Names this process in lock files, once at start ("peak-watch CLI", "Peak Watch app"). */
export function setLockLabel(label: string): void {
  processLabel = label;
}

// Which locks the code running now holds. Callbacks born inside the lock (a server started
// under it) inherit this context and outlive the lock: `released` keeps them from skipping it.
interface Held {
  file: string;
  released: boolean;
}
const inside = new AsyncLocalStorage<readonly Held[]>();
const queues = new Map<string, Promise<unknown>>();
const heldHere = new Set<string>();
// A lock file without a holder we can read is left by something we do not know; after this long
// it cannot be a writer that is still filling it in.
const UNREADABLE_STALE_MS = 10_000;
const BREAKER_STALE_MS = 5_000;

/** Runs `fn` holding the lock file; other processes (and other callers here) wait. */
export async function withFileLock<T>(
  lockFile: string,
  opts: FileLockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const held = (inside.getStore() ?? []).filter((h) => !h.released);
  if (held.some((h) => h.file === lockFile)) return fn();
  const previous = queues.get(lockFile) ?? Promise.resolve();
  const run = previous.then(async () => {
    const release = await acquire(lockFile, opts);
    const mine: Held = { file: lockFile, released: false };
    heldHere.add(lockFile);
    try {
      return await inside.run([...held, mine], fn);
    } finally {
      mine.released = true;
      heldHere.delete(lockFile);
      await release();
    }
  });
  const settled = run.catch(() => undefined);
  queues.set(lockFile, settled);
  void settled.then(() => {
    if (queues.get(lockFile) === settled) queues.delete(lockFile);
  });
  return run;
}

/** Who holds the lock now, or null when nobody does. */
export async function readLockHolder(lockFile: string): Promise<LockHolder | null> {
  const raw = await readFile(lockFile, 'utf8').catch(() => null);
  return raw === null ? null : parseHolder(raw);
}

/** The holder while it is alive; a lock that is stale (dead or reused pid) counts as free. */
export async function liveLockHolder(lockFile: string): Promise<LockHolder | null> {
  const raw = await readFile(lockFile, 'utf8').catch(() => null);
  if (raw === null || (await isStale(lockFile, raw))) return null;
  return parseHolder(raw);
}

/**
 * Takes the lock without waiting: a live holder makes it throw at once (opts.busy names it), a
 * stale one is broken as withFileLock breaks it. Not re-entrant. Returns the release.
 */
export async function tryFileLock(
  lockFile: string,
  purpose: string,
  opts: TryLockOptions = {},
): Promise<() => Promise<void>> {
  const release = await acquire(lockFile, { purpose, timeoutMs: 0 }, opts);
  heldHere.add(lockFile);
  return async () => {
    heldHere.delete(lockFile);
    await release();
  };
}

async function acquire(
  lockFile: string,
  opts: FileLockOptions,
  extra: TryLockOptions = {},
): Promise<() => Promise<void>> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    label: extra.label ?? processLabel,
    since: new Date().toISOString(),
    started: await processStartTime(process.pid),
    nonce: randomBytes(8).toString('hex'),
    ...(extra.action ? { action: extra.action } : {}),
  };
  const content = JSON.stringify(me) + '\n';
  // Written whole first, then linked into place: the lock file never exists half-written.
  const tmp = `${lockFile}.${me.nonce}.tmp`;
  await writeFile(tmp, content);
  try {
    for (;;) {
      if (await tryCreate(tmp, lockFile, content)) break;
      const raw = await readFile(lockFile, 'utf8').catch(() => null);
      if (raw === null) continue; // released meanwhile
      if (await isStale(lockFile, raw)) {
        await breakStale(lockFile, raw);
        continue;
      }
      if (Date.now() >= deadline) {
        const holder = parseHolder(raw);
        throw extra.busy ? extra.busy(holder) : lockTimeout(lockFile, opts.purpose, holder);
      }
      await sleep(20 + Math.random() * 40);
    }
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  return async () => {
    // Only our own lock: never remove one that a later holder took over.
    if ((await readFile(lockFile, 'utf8').catch(() => null)) === content) {
      await unlink(lockFile).catch(() => undefined);
    }
  };
}

async function tryCreate(tmp: string, lockFile: string, content: string): Promise<boolean> {
  try {
    await link(tmp, lockFile);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err;
  }
  // File systems without hard links (FAT, some network shares): exclusive create instead.
  try {
    await writeFile(lockFile, content, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

async function isStale(lockFile: string, raw: string): Promise<boolean> {
  const holder = parseHolder(raw);
  if (!holder) {
    const age = await stat(lockFile).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    return age > UNREADABLE_STALE_MS;
  }
  if (holder.host !== hostname()) return false; // another machine's pid: cannot tell, so wait
  if (holder.pid === process.pid) return !heldHere.has(lockFile);
  if (!(await pidAlive(holder.pid))) return true; // gone, or a zombie nobody reaped
  const started = await processStartTime(holder.pid);
  return holder.started !== null && started !== null && started !== holder.started;
}

/**
 * Two processes may find the same stale lock. A second, short-lived lock guards the removal, and
 * under it the lock is removed only if it is still the one found stale — never a fresh one that
 * the other process has just taken.
 */
async function breakStale(lockFile: string, seen: string): Promise<void> {
  const breaker = `${lockFile}.break`;
  try {
    await writeFile(breaker, String(process.pid), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const age = await stat(breaker).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > BREAKER_STALE_MS) await unlink(breaker).catch(() => undefined);
    await sleep(10);
    return;
  }
  try {
    if ((await readFile(lockFile, 'utf8').catch(() => null)) === seen) await unlink(lockFile);
  } finally {
    await unlink(breaker).catch(() => undefined);
  }
}

function lockTimeout(lockFile: string, purpose: string, holder: LockHolder | null): ConsoleError {
  const who = holder
    ? `${holder.label} (pid ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}, since ${holder.since})`
    : 'a process that left no name';
  return new ConsoleError({
    code: 'lock-timeout',
    message: `${purpose} is locked by ${who}.`,
    fix: `Wait for it to finish and try again. If that process no longer runs, delete ${lockFile}.`,
  });
}

function parseHolder(raw: string): LockHolder | null {
  try {
    // `client` and no host: the format of an older stack lock's files, still read so its holder counts.
    const h = JSON.parse(raw) as Partial<LockHolder> & { client?: unknown };
    if (typeof h.pid !== 'number') return null;
    const label = typeof h.label === 'string' ? h.label : h.client;
    return {
      pid: h.pid,
      host: typeof h.host === 'string' ? h.host : hostname(),
      label: typeof label === 'string' ? label : 'unknown',
      since: typeof h.since === 'string' ? h.since : '?',
      started: typeof h.started === 'string' ? h.started : null,
      nonce: typeof h.nonce === 'string' ? h.nonce : '',
      ...(typeof h.action === 'string' ? { action: h.action } : {}),
    };
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); null off Linux. */
async function processStartTime(pid: number): Promise<string | null> {
  if (process.platform !== 'linux') return null;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  // The command name (field 2) may contain spaces and parentheses: count from the last ')'.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields?.[19] ?? null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
