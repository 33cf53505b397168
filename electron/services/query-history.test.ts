import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
    expect(list.map((e) => e.query)).toEqual(['rate(x[5m])', 'up']);
    expect(JSON.parse(await readFile(join(dir, 'query-history.json'), 'utf8'))).toHaveLength(2);
  });

  it('moves a query run again to the top instead of keeping a copy', async () => {
    const h = new QueryHistory(dir);
    await h.add('up');
    await h.add('sum(up)');
    await h.add(' up ');
    expect((await h.list()).map((e) => e.query)).toEqual(['up', 'sum(up)']);
  });

  it('forgets the oldest beyond the cap', async () => {
    const h = new QueryHistory(dir, 3);
    for (const q of ['a', 'b', 'c', 'd']) await h.add(q);
    expect((await h.list()).map((e) => e.query)).toEqual(['d', 'c', 'b']);
  });

  it('finds queries by any part of them, ignoring case', async () => {
    const h = new QueryHistory(dir);
    await Promise.all(
      ['up', 'rate(peak_trade_http_requests_total[5m])', 'sum(up)'].map((q) => h.add(q)),
    );
    expect((await h.list('HTTP_req')).map((e) => e.query)).toEqual([
      'rate(peak_trade_http_requests_total[5m])',
    ]);
    expect(await h.list('nothing like it')).toEqual([]);
  });

  it('starts afresh from a corrupt file instead of failing Explore', async () => {
    await writeFile(join(dir, 'query-history.json'), '{not json');
    const h = new QueryHistory(dir);
    expect(await h.list()).toEqual([]);
    await h.add('up');
    expect((await h.list()).map((e) => e.query)).toEqual(['up']);
  });
});
