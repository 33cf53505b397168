// Explore's query history with two consoles on one data folder, as a person runs the app and a
// web console side by side: two built headless consoles (`node out/main/cli.js headless`, real
// child processes), driven through their RPC like the page drives them.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Envelope, QueryHistoryView } from '../shared/api';
import { buildOutput } from './build-output';

// 80 adds through two consoles' HTTP and one lock: more than the default 30 s on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

interface Console {
  url: URL;
  child: ChildProcess;
}

async function startConsole(dataDir: string): Promise<Console> {
  const child = spawn(
    process.execPath,
    [buildOutput.cli, 'headless', '--ui-port', '0', '--metrics-port', '0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`console did not start:\n${out}`)), 30_000);
    const onData = (): void => {
      const m = /^console: (\S+)$/m.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`console exited with ${code}:\n${out}`));
    });
  });
  return { url: new URL(url), child };
}

async function stopConsole(c: Console | undefined): Promise<void> {
  if (!c || c.child.exitCode !== null || c.child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    c.child.once('exit', () => resolve());
    c.child.kill('SIGTERM');
    setTimeout(() => c.child.kill('SIGKILL'), 10_000).unref();
  });
}

async function rpc<T>(c: Console, method: string, payload?: unknown): Promise<T> {
  const res = await fetch(new URL(`/rpc/${method}`, c.url.origin), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${c.url.searchParams.get('token') ?? ''}`,
      'x-peak-watch': '1',
      'content-type': 'application/json',
    },
    body: payload === undefined ? '' : JSON.stringify(payload),
  });
  const envelope = (await res.json()) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
  return envelope.value;
}

describe('two consoles on one data folder', () => {
  let dataDir: string;
  let a: Console | undefined;
  let b: Console | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pw-history-'));
    [a, b] = await Promise.all([startConsole(dataDir), startConsole(dataDir)]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([stopConsole(a), stopConsole(b)]);
    await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
  });

  it('keep every query both add at once: 40 each, 80 in the history', async () => {
    const adds = [a!, b!].flatMap((c, i) =>
      Array.from({ length: 40 }, (_, n) =>
        rpc<QueryHistoryView>(c, 'addQueryHistory', { query: `up{console="${i}",n="${n}"}` }),
      ),
    );
    await Promise.all(adds);
    const seen = await rpc<QueryHistoryView>(a!, 'getQueryHistory');
    expect(seen.entries).toHaveLength(80);
    expect(seen.warnings).toEqual([]);
    const onDisk = JSON.parse(await readFile(join(dataDir, 'query-history.json'), 'utf8')) as {
      query: string;
    }[];
    expect(new Set(onDisk.map((e) => e.query)).size).toBe(80);
  });

  it('keep a corrupt history file aside and say so on screen, never dropping it silently', async () => {
    const file = join(dataDir, 'query-history.json');
    const broken = '[\n {"query": "up", "lastRunAt": "2026-01-01T00:00:00Z"},\n {"query": \n';
    await writeFile(file, broken);
    // Reading shows the problem and leaves the file as it is.
    const listed = await rpc<QueryHistoryView>(a!, 'getQueryHistory');
    expect(listed.entries).toEqual([]);
    expect(listed.warnings.join('\n')).toMatch(
      /query-history\.json line 4, column 1: not valid JSON/,
    );
    expect(await readFile(file, 'utf8')).toBe(broken);
    // The next add starts a new history and keeps the old bytes beside it, named with the time.
    const added = await rpc<QueryHistoryView>(b!, 'addQueryHistory', { query: 'rate(x[5m])' });
    expect(added.entries.map((e) => e.query)).toEqual(['rate(x[5m])']);
    const aside = (await readdir(dataDir)).filter((f) =>
      /^query-history\.json\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z$/.test(f),
    );
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dataDir, aside[0]!), 'utf8')).toBe(broken);
    expect(added.warnings.join('\n')).toContain(join(dataDir, aside[0]!));
  });
});
