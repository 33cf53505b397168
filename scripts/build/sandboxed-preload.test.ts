// The build rule that keeps the preload loadable by Electron's sandboxed preload loader
// (https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts): `npm run build`
// fails on whatever this finds, so a preload that would leave the app without window.api never
// ships.
import { describe, expect, it } from 'vitest';
import { preloadProblems, requiredModules } from './sandboxed-preload';

const one = (code: string): string[] => preloadProblems([{ name: 'preload.cjs', code }]);

describe('the sandboxed preload build rule', () => {
  it('passes a single CommonJS file that requires only electron', () => {
    expect(
      one('"use strict";\nlet electron = require("electron");\nelectron.contextBridge;'),
    ).toEqual([]);
  });

  it.each(['zod', 'fs', 'node:path', './chunk-abc.cjs', '../shared/api'])(
    'fails a preload that requires %s, naming it',
    (name) => {
      const problems = one(
        `const e = require("electron");\nconst m = require(${JSON.stringify(name)});`,
      );
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`requires "${name}"`);
    },
  );

  it.each([
    ['esbuild', '__require("zod")'],
    ['a renamed require', 'require$1("zod")'],
    ['a dynamic import', 'import("zod")'],
    ['single quotes and spaces', "require ( 'zod' )"],
  ])('sees a require through %s: %s', (_how, call) => {
    expect(requiredModules(`var x = ${call};`)).toEqual(['zod']);
    expect(one(`var x = ${call};`)[0]).toContain('requires "zod"');
  });

  it('allows electron alone, not even the builtins the sandbox could load', () => {
    expect(one('require("electron");')).toEqual([]);
    for (const m of ['events', 'node:events', 'timers', 'node:timers', 'url', 'node:url']) {
      expect(one(`require("electron"); require(${JSON.stringify(m)});`)[0]).toContain(
        `requires "${m}"`,
      );
    }
  });

  it('fails an ES module and a preload split into two files', () => {
    expect(one('import { contextBridge } from "electron";')[0]).toMatch(/is an ES module/);
    expect(
      preloadProblems([
        { name: 'preload.cjs', code: 'require("electron"); require("./chunk.cjs");' },
        { name: 'chunk.cjs', code: 'module.exports = 1;' },
      ]),
    ).toEqual([
      'the preload must be one file, but the build wrote 2: preload.cjs, chunk.cjs',
      expect.stringContaining('preload.cjs requires "./chunk.cjs"'),
    ]);
  });
});
