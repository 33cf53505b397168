// The stack lock across processes: a live holder is named, a dead one's lock is taken over.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rejection } from '../prometheus/testing';
import { isCommand } from './process-identity';
import { STACK_LOCK_FILE, StackLock } from './stack-lock';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function folder(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'pw-lock-'));
  dirs.push(d);
  return d;
}

describe('the stack lock', () => {
  it('a second Start in another process is refused, naming who holds the lock', async () => {
    const dir = await folder();
    const other = spawn('sleep', ['30']);
    try {
      await writeFile(
        join(dir, STACK_LOCK_FILE),
        JSON.stringify({
          pid: other.pid,
          client: 'peak-watch CLI',
          action: 'stopping',
          since: 'now',
        }),
      );
      const err = await rejection(new StackLock(dir, 'Peak Watch app').acquire('starting'));
      expect(err.code).toBe('stack-busy');
      expect(err.message).toContain(`being stopped by peak-watch CLI, pid ${other.pid}`);
    } finally {
      other.kill();
    }
  });

  it('a lock left by a process that died is taken over, and released', async () => {
    const dir = await folder();
    const dead = spawn('true');
    await new Promise((r) => dead.once('exit', r));
    await writeFile(
      join(dir, STACK_LOCK_FILE),
      JSON.stringify({
        pid: dead.pid,
        client: 'peak-watch CLI',
        action: 'starting',
        since: 'then',
      }),
    );
    const lock = new StackLock(dir, 'Peak Watch app');
    const release = await lock.acquire('starting');
    expect(await lock.holder()).toMatchObject({ pid: process.pid, client: 'Peak Watch app' });
    await release();
    expect(await lock.holder()).toBeNull();
  });
});

describe('whether a pid still runs our command', () => {
  const args = [
    '--config.file=/d/stack/prometheus.native.yml',
    '--web.listen-address=127.0.0.1:9091',
  ];
  it('matches the binary and exactly our arguments, also through a script interpreter', () => {
    expect(isCommand(['/usr/bin/prometheus', ...args], '/usr/bin/prometheus', args)).toBe(true);
    expect(
      isCommand(['/usr/bin/node', '/t/bin/prometheus', ...args], '/t/bin/prometheus', args),
    ).toBe(true);
  });

  it('refuses another program, or prometheus with another config (a pid reused)', () => {
    expect(isCommand(['/usr/bin/sleep', '30'], '/usr/bin/prometheus', args)).toBe(false);
    const other = ['--config.file=/elsewhere.yml', args[1] ?? ''];
    expect(isCommand(['/usr/bin/prometheus', ...other], '/usr/bin/prometheus', args)).toBe(false);
  });
});

describe('the stack lock and a reused pid', () => {
  it('takes over a lock whose pid now belongs to another program (its start time differs)', async () => {
    const dir = await folder();
    const other = spawn('sleep', ['30']);
    try {
      // The holder's pid is alive, but the process that wrote the lock started at another time.
      await writeFile(
        join(dir, STACK_LOCK_FILE),
        JSON.stringify({
          pid: other.pid,
          host: hostname(),
          label: 'peak-watch CLI',
          client: 'peak-watch CLI',
          action: 'starting',
          since: 'then',
          started: '1',
          nonce: 'old',
        }),
      );
      const lock = new StackLock(dir, 'Peak Watch app');
      expect(await lock.holder()).toBeNull();
      const release = await lock.acquire('stopping');
      expect(await lock.holder()).toMatchObject({
        pid: process.pid,
        client: 'Peak Watch app',
        action: 'stopping',
      });
      await release();
      expect(other.exitCode).toBeNull(); // the other program is left alone
    } finally {
      other.kill();
    }
  });
});
