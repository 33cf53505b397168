import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph, relativeImports } from './import-cycles';

const root = join(import.meta.dirname, '..');

describe('import cycles', () => {
  it('reads every static form of a relative import, type-only and multi-line included', () => {
    const source = [
      "import { z } from 'zod';",
      "import type { A } from './a';",
      'import {',
      '  b,',
      '  type B,',
      "} from '../b';",
      "export type * from './c';",
      "export { d } from './d';",
      "import './e';",
      "const f = 'from ./f';",
    ].join('\n');
    expect(relativeImports(source)).toEqual(['./a', '../b', './c', './d', './e']);
  });

  it('finds a cycle, however long', () => {
    const graph = new Map([
      ['api.ts', ['methods.ts', 'errors.ts']],
      ['methods.ts', ['types.ts']],
      ['types.ts', ['api.ts']],
      ['errors.ts', []],
    ]);
    expect(findCycles(graph)).toEqual([['api.ts', 'methods.ts', 'types.ts', 'api.ts']]);
    graph.set('types.ts', ['errors.ts']);
    expect(findCycles(graph)).toEqual([]);
  });

  it('shared/ has none: methods.ts imports no module that imports it', () => {
    const graph = importGraph(root, ['shared']);
    expect(graph.get('shared/methods.ts')).toEqual(['shared/contract/console-api.ts']);
    expect(graph.get('shared/api.ts')).toContain('shared/methods.ts');
    expect(findCycles(graph)).toEqual([]);
  });

  it('the product code has none (electron/, shared/, renderer/src/)', () => {
    expect(findCycles(importGraph(root, ['electron', 'shared', 'renderer/src']))).toEqual([]);
  });
});
