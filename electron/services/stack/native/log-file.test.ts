import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendLine, readLastLines, rotate } from './log-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pw-log-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readLastLines', () => {
  it('gives the last lines without blanks, and none for a missing file', async () => {
    const file = join(dir, 'prometheus.log');
    await writeFile(file, 'one\r\ntwo\n\nthree\nfour\n');
    expect(await readLastLines(file, 2)).toEqual(['three', 'four']);
    expect(await readLastLines(file, 10)).toEqual(['one', 'two', 'three', 'four']);
    expect(await readLastLines(join(dir, 'none.log'), 5)).toEqual([]);
  });

  it('reads only the end of a long log', async () => {
    const file = join(dir, 'big.log');
    await writeFile(file, 'first\n' + 'x'.repeat(300 * 1024) + '\nlast\n');
    const lines = await readLastLines(file, 10);
    expect(lines.at(-1)).toBe('last');
    expect(lines).not.toContain('first');
  });
});

describe('appendLine', () => {
  it('marks our own lines so a log tail can leave them out', async () => {
    const file = join(dir, 'grafana.log');
    await appendLine(file, 'process ended (exit 1)');
    expect(await readFile(file, 'utf8')).toMatch(
      /^--- peak-watch \d{4}-\d\d-\d\dT[^ ]+: process ended \(exit 1\)\n$/,
    );
  });

  it('does not throw where it cannot write', async () => {
    await expect(appendLine(join(dir, 'no', 'such', 'dir.log'), 'x')).resolves.toBeUndefined();
  });
});

describe('rotate', () => {
  it('keeps a small log and a missing one where they are', async () => {
    const file = join(dir, 'small.log');
    await writeFile(file, 'a\n');
    rotate(file);
    rotate(join(dir, 'none.log'));
    expect((await stat(file)).size).toBe(2);
  });

  it('moves a log past 10 MiB to <file>.1', async () => {
    const file = join(dir, 'large.log');
    await writeFile(file, Buffer.alloc(10 * 1024 * 1024 + 1));
    rotate(file);
    await expect(stat(file)).rejects.toThrow();
    expect((await stat(`${file}.1`)).size).toBe(10 * 1024 * 1024 + 1);
  });
});
