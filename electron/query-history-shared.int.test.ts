// Explore's query history with two consoles on one data folder, as a person runs the app and a
// web console side by side: two built headless consoles (`node out/main/cli.js headless`, real
// child processes), driven through their RPC like the page drives them.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { QueryHistoryView } from '../shared/api';
import { startHeadless, type HeadlessApp } from './clients-testing';

// 80 adds through two consoles' HTTP and one lock: more than the default 30 s on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

/** A console of its own on the shared folder: any free metrics and console port. */
const startConsole = (dataDir: string): Promise<HeadlessApp> =>
  startHeadless(dataDir, ['--ui-port', '0', '--metrics-port', '0']);

describe('two consoles on one data folder', () => {
  let dataDir: string;
  let a: HeadlessApp | undefined;
  let b: HeadlessApp | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pw-history-'));
    [a, b] = await Promise.all([startConsole(dataDir), startConsole(dataDir)]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
  });

  it('keep every query both add at once: 40 each, 80 in the history', async () => {
    const adds = [a!, b!].flatMap((c, i) =>
      Array.from({ length: 40 }, (_, n) =>
        c.call<QueryHistoryView>('addQueryHistory', { query: `up{console="${i}",n="${n}"}` }),
      ),
    );
    await Promise.all(adds);
    const seen = await a!.call<QueryHistoryView>('getQueryHistory');
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
    const listed = await a!.call<QueryHistoryView>('getQueryHistory');
    expect(listed.entries).toEqual([]);
    expect(listed.warnings.join('\n')).toMatch(
      /query-history\.json line 4, column 1: not valid JSON/,
    );
    expect(await readFile(file, 'utf8')).toBe(broken);
    // The next add starts a new history and keeps the old bytes beside it, named with the time.
    const added = await b!.call<QueryHistoryView>('addQueryHistory', { query: 'rate(x[5m])' });
    expect(added.entries.map((e) => e.query)).toEqual(['rate(x[5m])']);
    const aside = (await readdir(dataDir)).filter((f) =>
      /^query-history\.json\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z$/.test(f),
    );
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dataDir, aside[0]!), 'utf8')).toBe(broken);
    expect(added.warnings.join('\n')).toContain(join(dataDir, aside[0]!));
  });
});
