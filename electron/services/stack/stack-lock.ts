// One Start/Stop at a time per data folder, across every process that uses it (app, headless
// console, CLI). The lock is a file created with O_EXCL holding who took it; a holder that died
// without removing it (SIGKILL) is recognised by its dead pid and the lock taken over.
import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ConsoleError } from '../../../shared/api';
import { pidAlive } from './process-identity';

export type StackAction = 'starting' | 'stopping';

export interface LockHolder {
  pid: number;
  /** Who: 'Peak Watch app', 'headless console', 'peak-watch CLI'. */
  client: string;
  action: StackAction;
  since: string;
}

export const STACK_LOCK_FILE = 'stack.lock';

const verb = (a: StackAction): string => (a === 'starting' ? 'started' : 'stopped');

export function describeHolder(h: LockHolder): string {
  return `being ${verb(h.action)} by ${h.client}, pid ${h.pid}`;
}

export function busyError(h: LockHolder): ConsoleError {
  return new ConsoleError({
    code: 'stack-busy',
    message: `The stack is ${describeHolder(h)} (since ${h.since}).`,
    fix: 'Wait for it to finish, then try again.',
  });
}

export class StackLock {
  readonly file: string;

  constructor(
    dataDir: string,
    private readonly client: string,
  ) {
    this.file = join(dataDir, STACK_LOCK_FILE);
  }

  /** The live holder, if any; a lock left by a dead process counts as free. */
  async holder(): Promise<LockHolder | null> {
    let h: LockHolder;
    try {
      h = JSON.parse(await readFile(this.file, 'utf8')) as LockHolder;
    } catch {
      return null; // none, or half-written by a holder that is writing it right now
    }
    return (await pidAlive(h.pid)) ? h : null;
  }

  /** Takes the lock or throws `stack-busy` naming the holder. Returns the release. */
  async acquire(action: StackAction): Promise<() => Promise<void>> {
    const me: LockHolder = {
      pid: process.pid,
      client: this.client,
      action,
      since: new Date().toISOString(),
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const handle = await open(this.file, 'wx', 0o644);
        try {
          await handle.writeFile(JSON.stringify(me));
          await handle.sync();
        } finally {
          await handle.close();
        }
        return () => this.release();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = await this.holder();
      if (holder) throw busyError(holder);
      // Stale (its process is gone) or unreadable for a moment: remove and retry.
      await unlink(this.file).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 20));
    }
    const holder = await this.holder();
    throw holder
      ? busyError(holder)
      : new ConsoleError({
          code: 'stack-lock-failed',
          message: `Could not take the stack lock ${this.file}.`,
          fix: 'If no Peak Watch is starting or stopping the stack, delete that file.',
        });
  }

  private async release(): Promise<void> {
    try {
      const h = JSON.parse(await readFile(this.file, 'utf8')) as LockHolder;
      if (h.pid === process.pid) await unlink(this.file);
    } catch {
      // Already gone.
    }
  }
}
