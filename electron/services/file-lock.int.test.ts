// The data folder's lock as the app, the web host and the CLI meet it: real lock files, real pids.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../shared/errors';
import { readLockHolder, setLockLabel, withFileLock } from './file-lock';

const lockIn = async () => join(await mkdtemp(join(tmpdir(), 'pw-lock-')), 'settings.json.lock');

function holderFile(pid: number, extra: object = {}): string {
  return JSON.stringify({
    pid,
    host: hostname(),
    label: 'peak-watch CLI (settings)',
    since: '2026-01-01T00:00:00.000Z',
    started: null,
    nonce: 'old',
    ...extra,
  });
}

describe('the data folder lock', () => {
  it('takes over a lock left by a process that was killed (its pid is gone)', async () => {
    const lock = await lockIn();
    const dead = spawnSync(process.execPath, ['-e', 'process.kill(process.pid, "SIGKILL")']);
    expect(dead.signal).toBe('SIGKILL');
    await writeFile(lock, holderFile(dead.pid));
    const ran = await withFileLock(lock, { purpose: 'settings.json', timeoutMs: 2_000 }, () =>
      readLockHolder(lock),
    );
    expect(ran?.pid).toBe(process.pid); // while running, the lock names this process
    expect(await readLockHolder(lock)).toBeNull(); // and it is gone afterwards
  });

  it('takes over a lock whose pid now belongs to another process (pid reused)', async () => {
    if (process.platform !== 'linux') return; // the start time comes from /proc
    const lock = await lockIn();
    const other = spawn('sleep', ['30']);
    try {
      await writeFile(lock, holderFile(other.pid!, { started: '1' }));
      await expect(
        withFileLock(lock, { purpose: 'settings.json', timeoutMs: 2_000 }, () =>
          Promise.resolve('ran'),
        ),
      ).resolves.toBe('ran');
    } finally {
      other.kill();
    }
  });

  it('waits for a live holder, then names it and the file to delete', async () => {
    const lock = await lockIn();
    const holder = spawn('sleep', ['30']);
    try {
      await writeFile(lock, holderFile(holder.pid!));
      const err = await withFileLock(lock, { purpose: 'settings.json', timeoutMs: 300 }, () =>
        Promise.resolve(),
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConsoleError);
      expect((err as ConsoleError).code).toBe('lock-timeout');
      expect((err as ConsoleError).message).toMatch(
        new RegExp(
          `settings\\.json is locked by peak-watch CLI \\(settings\\) \\(pid ${holder.pid}`,
        ),
      );
      expect((err as ConsoleError).fix).toContain(lock);
      // The live holder's lock is left alone.
      expect((await readLockHolder(lock))?.pid).toBe(holder.pid);
    } finally {
      holder.kill();
    }
  });

  it('lets callers in one process take turns, and code inside the lock take it again', async () => {
    const lock = await lockIn();
    setLockLabel('test process');
    const counter = join(lock, '..', 'counter');
    await writeFile(counter, '0');
    // Read, yield, write: without the lock most increments would be lost.
    const increment = () =>
      withFileLock(lock, { purpose: 'counter' }, async () => {
        const n = Number(await readFile(counter, 'utf8'));
        await new Promise((r) => setTimeout(r, 1));
        const nested = await withFileLock(lock, { purpose: 'counter' }, () =>
          Promise.resolve('no deadlock'),
        );
        await writeFile(counter, String(n + 1));
        return nested;
      });
    const results = await Promise.all(Array.from({ length: 20 }, increment));
    expect(results.every((r) => r === 'no deadlock')).toBe(true);
    expect(await readFile(counter, 'utf8')).toBe('20');
    // Nothing left behind: no lock, no temp file, no breaker.
    expect((await readdir(join(lock, '..'))).sort()).toEqual(['counter']);
  });

  it('makes work started inside the lock but run after it take the lock again', async () => {
    const lock = await lockIn();
    let late: Promise<unknown> = Promise.resolve();
    await withFileLock(lock, { purpose: 'settings.json' }, () => {
      late = new Promise((r) => setTimeout(r, 30)).then(() =>
        withFileLock(lock, { purpose: 'settings.json' }, () => readLockHolder(lock)),
      );
      return Promise.resolve();
    });
    // Had it skipped the lock (as nested code does), there would be no lock file to read.
    expect(((await late) as { pid: number } | null)?.pid).toBe(process.pid);
  });

  it('releases the lock when the work inside it fails', async () => {
    const lock = await lockIn();
    await expect(
      withFileLock(lock, { purpose: 'settings.json' }, () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(await readLockHolder(lock)).toBeNull();
  });
});
