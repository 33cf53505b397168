// The build's own check (check-build.ts, the last step of `npm run build`): what it finds in a
// file, and that the build in out/ and the sources in the tree pass it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import {
  builtFiles,
  builtFindings,
  parityProblems,
  serverParity,
  sourceFindings,
} from './check-build';
import { describeFinding, droppedResults, emptyBlockCheck, emptyBlocks } from './dropped-checks';

describe('emptyBlocks (built files)', () => {
  it('finds an empty try block and an if whose block is empty, with file and line', () => {
    const code = [
      'function a(p) {',
      '  if (p.includes("%")) {}',
      '  try {} catch { return null; }',
      '  return p;',
      '}',
    ].join('\n');
    const found = emptyBlocks('out/main/x.js', code);
    expect(found.map((f) => [f.line, f.what])).toEqual([
      [2, 'an if statement with an empty block'],
      [3, 'an empty try block'],
    ]);
    expect(describeFinding(found[0]!)).toMatch(/^out\/main\/x\.js:2: .*p\.includes\("%"\)/);
  });

  it('leaves alone an empty catch, an if with an else, and minified code that keeps its checks', () => {
    const code =
      'function a(e){try{return decodeURIComponent(e)}catch{}if(e){}else{f()}for(;;){}return e}';
    expect(emptyBlocks('out/renderer/assets/x.js', code)).toEqual([]);
  });
});

describe('droppedResults (sources)', () => {
  it('finds validators called only for their throw', () => {
    const code = [
      'export async function ok(path: string, raw: string, s: Schema) {',
      '  try {',
      '    decodeURIComponent(path);',
      '    new URL(raw);',
      '    void JSON.parse(raw);',
      '    s.parse(raw);',
      '    await s.parseAsync(raw);',
      '  } catch {',
      '    return false;',
      '  }',
      '  return true;',
      '}',
    ].join('\n');
    expect(droppedResults('electron/x.ts', code).map((f) => [f.line, f.what])).toEqual([
      [3, 'decodeURIComponent(…) whose result is unused (kept only for its throw)'],
      [4, 'new URL(…) whose result is unused (kept only for its throw)'],
      [5, 'JSON.parse(…) whose result is unused (kept only for its throw)'],
      [6, 's.parse(…) whose result is unused (kept only for its throw)'],
      [7, 's.parseAsync(…) whose result is unused (kept only for its throw)'],
    ]);
  });

  it('accepts validators whose result is used', () => {
    const code = [
      'export function ok(path: string): string | null {',
      '  const url = new URL(path);',
      '  try {',
      '    return decodeURIComponent(url.pathname);',
      '  } catch {',
      '    return null;',
      '  }',
      '}',
    ].join('\n');
    expect(droppedResults('electron/x.ts', code)).toEqual([]);
  });
});

describe('the tree and its build', () => {
  it('the built main, preload and renderer hold no empty try or if block', () => {
    expect(builtFiles().length).toBeGreaterThan(3);
    expect(builtFindings().map(describeFinding)).toEqual([]);
  });

  it('no shipped source calls a validator and drops its result', () => {
    expect(sourceFindings().map(describeFinding)).toEqual([]);
  });

  it('the built metrics server answers every bad-input case as the source server does', async () => {
    const { source, built } = await serverParity();
    expect(source.length).toBeGreaterThan(20);
    expect(parityProblems(source, built)).toEqual([]);
    // The source itself meets the table (parity alone would pass two equally wrong servers).
    expect(source.filter((r) => r.status !== r.expected)).toEqual([]);
  });
});

describe('emptyBlockCheck (the build plugin)', () => {
  const bundle = async (source: string): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-empty-block-'));
    const input = join(dir, 'request-path.js');
    await writeFile(input, source);
    try {
      const result = await build({
        configFile: false,
        logLevel: 'silent',
        root: dir,
        plugins: [emptyBlockCheck()],
        build: {
          write: false,
          minify: true,
          rollupOptions: { input, preserveEntrySignatures: 'strict' },
        },
      });
      const outputs = (Array.isArray(result) ? result : [result]) as {
        output: { type: string; code?: string }[];
      }[];
      return outputs[0]?.output.find((o) => o.type === 'chunk')?.code ?? '';
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  it('fails the build where rolldown deletes a decodeURIComponent kept only for its throw', async () => {
    const throwOnly = [
      'export function requestPath(path) {',
      '  if (path.includes("%")) {',
      '    try { decodeURIComponent(path); } catch { return null; }',
      '  }',
      '  return path;',
      '}',
    ].join('\n');
    await expect(bundle(throwOnly)).rejects.toThrow(
      /request-path\.js \(bundled into request-path\): an if statement with an empty block: .*path\.includes\("%"\)/,
    );
  });

  it('passes the same check when it uses its result, and the minified bundle keeps it', async () => {
    const usesResult = [
      'export function requestPath(path) {',
      '  try { return decodeURIComponent(path) === null ? null : path; } catch { return null; }',
      '}',
    ].join('\n');
    expect(await bundle(usesResult)).toMatch(/decodeURIComponent/);
  });
});
