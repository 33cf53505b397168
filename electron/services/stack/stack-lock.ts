// One Start/Stop at a time per data folder, across every process that uses it (app, headless
// console, CLI). Built on the data folder's file lock (file-lock.ts) without waiting: a live
// holder is named at once ("being started by peak-watch CLI, pid N"); a holder that died without
// removing it (SIGKILL), or whose pid another program now has, is stale and its lock taken over —
// by one process only, however many find it stale together.
import { join } from 'node:path';
import { ConsoleError } from '../../../shared/api';
import { liveLockHolder, tryFileLock, type LockHolder as FileLockHolder } from '../file-lock';

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

function asStackHolder(h: FileLockHolder): LockHolder {
  return {
    pid: h.pid,
    client: h.label,
    action: h.action === 'stopping' ? 'stopping' : 'starting',
    since: h.since,
  };
}

export class StackLock {
  readonly file: string;

  constructor(
    dataDir: string,
    private readonly client: string,
  ) {
    this.file = join(dataDir, STACK_LOCK_FILE);
  }

  /** The live holder, if any; a lock left by a dead process (or a reused pid) counts as free. */
  async holder(): Promise<LockHolder | null> {
    const h = await liveLockHolder(this.file);
    return h ? asStackHolder(h) : null;
  }

  /** Takes the lock or throws `stack-busy` naming the holder. Returns the release. */
  acquire(action: StackAction): Promise<() => Promise<void>> {
    return tryFileLock(this.file, 'The stack', {
      label: this.client,
      action,
      busy: (h) =>
        h
          ? busyError(asStackHolder(h))
          : new ConsoleError({
              code: 'stack-busy',
              message: `The stack lock ${this.file} is held by a process that left no name.`,
              fix: 'Wait a few seconds and try again; if no Peak Watch is starting or stopping the stack, delete that file.',
            }),
    });
  }
}
