// Keeps the unit project honest: a test file not named *.int.test.ts (and every test helper it
// imports) starts no process, opens no port and needs no build. A cheap static read of the
// sources, so it runs with the unit tests it guards.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  INTEGRATION_SUFFIX,
  TEST_ROOTS,
  isIntegrationTest,
  isTestSupport,
  relativeImports,
  unitProblems,
} from './vitest-kinds';

const root = join(import.meta.dirname, '..');
const self = relative(root, import.meta.filename)
  .split(sep)
  .join('/');

function filesUnder(dir: string, wanted: (name: string) => boolean): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...filesUnder(path, wanted));
    else if (wanted(entry.name)) found.push(path);
  }
  return found;
}

const isTestFile = (name: string): boolean => name.endsWith('.test.ts');

/** The file a relative import names, as a repository path, or undefined when it is not a file. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = join(dirname(join(root, from)), specifier);
  const bare = base.replace(/\.js$/, '');
  const candidates = [base, `${bare}.ts`, `${bare}.tsx`, join(base, 'index.ts')];
  const hit = candidates.find((file) => /\.(?:tsx?|mjs)$/.test(file) && existsSync(file));
  return hit === undefined ? undefined : relative(root, hit).split(sep).join('/');
}

// Modules the product (every source that is neither a test nor named as test support) imports.
// A module imported only by tests and their helpers is test support too (a built-server or a
// table of cases beside the tests), and is read like the test that imports it.
const productImports = new Set<string>();
for (const file of TEST_ROOTS.flatMap((dir) =>
  filesUnder(dir, (name) => /\.(?:tsx?|mjs)$/.test(name) && !isTestFile(name)),
)) {
  if (isTestSupport(file)) continue;
  for (const specifier of relativeImports(readFileSync(join(root, file), 'utf8'))) {
    const target = resolveImport(file, specifier);
    if (target !== undefined) productImports.add(target);
  }
}
const supportsTests = (path: string): boolean =>
  isTestSupport(path) || (!productImports.has(path) && !isTestFile(path));

/** What is wrong with a unit test file: its own problems and those of the helpers it imports. */
function problemsOf(file: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const visit = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    const source = readFileSync(join(root, path), 'utf8');
    for (const why of unitProblems(source)) problems.push(`${path}: ${why}`);
    for (const specifier of relativeImports(source)) {
      const target = resolveImport(path, specifier);
      if (target !== undefined && supportsTests(target)) visit(target);
    }
  };
  visit(file);
  return problems;
}

const allTests = TEST_ROOTS.flatMap((dir) => filesUnder(dir, isTestFile));
const unitTests = allTests.filter((file) => !isIntegrationTest(file) && file !== self);
const integrationTests = allTests.filter((file) => isIntegrationTest(file));

describe('the static check behind the unit project', () => {
  it.each([
    ["import { spawn } from 'node:child_process';", 'imports child_process (runs a process)'],
    ["import { execFile } from 'child_process';", 'imports child_process (runs a process)'],
    ["server.listen({ host: '127.0.0.1', port: 0 });", 'calls listen (opens a port)'],
    ['const s = createServer((req, res) => res.end());', 'creates a server (opens a port)'],
    ["await runCommand('sh', ['-c', 'exit 3']);", 'calls runCommand (runs a process)'],
    ['requireBinary(PROMTOOL_BIN);', 'runs a Prometheus binary'],
    ['const host = await startWebHost(api, options);', 'starts a server, a process or a console'],
    ['const m = await startMetricsServer();', 'starts a server, a process or a console'],
    ['const api = createConsole({ dataDir });', 'creates the console (servers and the stack)'],
    ["const cli = join(root, 'out', 'main', 'cli.js');", 'refers to out/ (needs the build)'],
    ["readFileSync('out/preload/preload.cjs')", 'refers to out/ (needs the build)'],
    ["const bin = 'bin/peak-watch.mjs';", 'runs the built CLI'],
    ["import { chromium } from '@playwright/test';", 'drives Chromium'],
  ])('flags %s', (source, why) => {
    expect(unitProblems(source)).toEqual([why]);
  });

  it('passes pure code, including words that only look like the forbidden ones', () => {
    const source = [
      "import { formatBytes } from './format';",
      "const url = 'http://127.0.0.1:9090/api/v1/query';",
      '// a layout/ folder, a checkout/ step, and the word listener',
      'emitter.addListener(() => undefined);',
      'const restart = needsRestart(a, b); const started = state.startedAt;',
      "expect(formatBytes(1024)).toBe('1 KiB');",
    ].join('\n');
    expect(unitProblems(source)).toEqual([]);
  });

  it('reads static and dynamic relative imports, not packages', () => {
    const source = [
      "import { a } from './a';",
      "import type { B } from '../b/testing';",
      "const c = await import('./c.js');",
      "import { d } from 'node:fs';",
      "import e from 'vitest';",
    ].join('\n');
    expect(relativeImports(source)).toEqual(['./a', '../b/testing', './c.js']);
  });

  it('counts e2e support and *testing.ts modules as test support, product modules not', () => {
    expect(isTestSupport('electron/services/prometheus/testing.ts')).toBe(true);
    expect(isTestSupport('electron/clients-testing.ts')).toBe(true);
    expect(isTestSupport('e2e/support/docker-stack.ts')).toBe(true);
    expect(isTestSupport('electron/services/exec.ts')).toBe(false);
  });
});

describe('every test file is of the kind its name says', () => {
  it('finds the test files (the walk is not empty)', () => {
    expect(unitTests.length).toBeGreaterThan(20);
    expect(allTests.some((file) => file.endsWith(INTEGRATION_SUFFIX))).toBe(true);
  });

  it.each(unitTests)('%s starts nothing and needs no build', (file) => {
    expect(problemsOf(file)).toEqual([]);
  });

  // The other way round: a pure file named *.int.test.ts would wait for the build and run alone.
  it.each(integrationTests)('%s starts something or needs the build', (file) => {
    expect(problemsOf(file)).not.toEqual([]);
  });
});
