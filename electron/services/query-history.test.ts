import {
  chmod,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueryHistory } from './query-history';

describe('QueryHistory', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pw-history-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps queries newest first, in the data folder, across instances', async () => {
    await new QueryHistory(dir).add('up', new Date('2026-01-01T00:00:00Z'));
    await new QueryHistory(dir).add('rate(x[5m])', new Date('2026-01-01T00:01:00Z'));
    const list = await new QueryHistory(dir).list();
    expect(list.entries.map((e) => e.query)).toEqual(['rate(x[5m])', 'up']);
    expect(JSON.parse(await readFile(join(dir, 'query-history.json'), 'utf8'))).toHaveLength(2);
  });

  it('moves a query run again to the top instead of keeping a copy', async () => {
    const h = new QueryHistory(dir);
    await h.add('up');
    await h.add('sum(up)');
    await h.add(' up ');
    expect((await h.list()).entries.map((e) => e.query)).toEqual(['up', 'sum(up)']);
  });

  it('forgets the oldest beyond the cap', async () => {
    const h = new QueryHistory(dir, 3);
    for (const q of ['a', 'b', 'c', 'd']) await h.add(q);
    expect((await h.list()).entries.map((e) => e.query)).toEqual(['d', 'c', 'b']);
  });

  it('finds queries by any part of them, ignoring case', async () => {
    const h = new QueryHistory(dir);
    await Promise.all(
      ['up', 'rate(peak_trade_http_requests_total[5m])', 'sum(up)'].map((q) => h.add(q)),
    );
    expect((await h.list('HTTP_req')).entries.map((e) => e.query)).toEqual([
      'rate(peak_trade_http_requests_total[5m])',
    ]);
    expect((await h.list('nothing like it')).entries).toEqual([]);
  });

  it('shows a corrupt file as a warning, and keeps it aside at the next add', async () => {
    await writeFile(join(dir, 'query-history.json'), '{not json');
    const h = new QueryHistory(dir);
    const listed = await h.list();
    expect(listed.entries).toEqual([]);
    expect(listed.warnings).toEqual([
      expect.stringMatching(/^query-history\.json line 1, column 2: not valid JSON/),
    ]);
    expect(await readdir(dir)).toEqual(['query-history.json']); // reading never moves it
    const added = await h.add('up');
    expect(added.entries.map((e) => e.query)).toEqual(['up']);
    const aside = (await readdir(dir)).find((f) => f.startsWith('query-history.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('{not json');
    expect(added.warnings).toEqual([expect.stringContaining(join(dir, aside!))]);
    expect((await h.list()).warnings).toEqual(added.warnings);
  });

  it('keeps the readable entries of a half-valid file, and a copy of the file as it was', async () => {
    const half = JSON.stringify([
      { query: 'up', lastRunAt: '2026-01-01T00:00:00Z' },
      { query: 42 },
      'sum(up)',
    ]);
    await writeFile(join(dir, 'query-history.json'), half);
    const h = new QueryHistory(dir);
    expect((await h.list()).warnings[0]).toMatch(/2 of its 3 entries are not a query/);
    const added = await h.add('rate(x[5m])');
    expect(added.entries.map((e) => e.query)).toEqual(['rate(x[5m])', 'up']);
    const aside = (await readdir(dir)).find((f) => f.startsWith('query-history.json.corrupt-'));
    expect(await readFile(join(dir, aside!), 'utf8')).toBe(half);
  });

  it('writes through a symlink, and refuses a read-only file without touching it', async () => {
    const elsewhere = join(dir, 'elsewhere');
    await mkdir(elsewhere);
    const target = join(elsewhere, 'history.json');
    await writeFile(target, '[]\n');
    await symlink(target, join(dir, 'query-history.json'));
    const h = new QueryHistory(dir);
    await h.add('up');
    expect(JSON.parse(await readFile(target, 'utf8'))).toHaveLength(1);
    await chmod(target, 0o444);
    const before = await readFile(target, 'utf8');
    await expect(h.add('sum(up)')).rejects.toMatchObject({
      code: 'history-read-only',
      message: expect.stringContaining(`${target} is read-only`) as string,
    });
    expect(await readFile(target, 'utf8')).toBe(before);
  });

  it('removes the temp files of a write killed over a minute ago at the next add, never a fresh one', async () => {
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    for (const name of ['query-history.json.0a1b2c3d.tmp', 'settings.json.0a1b2c3d.tmp']) {
      await writeFile(join(dir, name), '[{"query": "up"');
      await utimes(join(dir, name), tenMinutesAgo, tenMinutesAgo);
    }
    await writeFile(join(dir, 'query-history.json.12345678.tmp'), '[{"query": "up"');
    await new QueryHistory(dir).add('up');
    expect((await readdir(dir)).sort()).toEqual([
      'query-history.json',
      'query-history.json.12345678.tmp',
      'settings.json.0a1b2c3d.tmp', // the settings store's to clear, under its own write
    ]);
  });
});
