// The runtime imports of the built main-process files (out/main, ESM from electron-vite): what
// must resolve inside the installed app's app.asar. Matches the forms rolldown emits with a
// literal specifier: `import … from "x"`, `import "x"`, `export … from "x"`, `import("x")`,
// `require("x")` and `createRequire(import.meta.url)("x")`.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export type ImportKind = 'import' | 'require';
export interface RuntimeImport {
  file: string;
  specifier: string;
  kind: ImportKind;
}

const PATTERNS: [RegExp, ImportKind][] = [
  [/\bimport\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"'\n]+)["']/g, 'import'],
  [/\bexport\s*[\w*{}\s,$]*?\s*from\s*["']([^"'\n]+)["']/g, 'import'],
  [/\bimport\s*\(\s*["']([^"'\n]+)["']\s*\)/g, 'import'],
  [/\brequire\s*\(\s*["']([^"'\n]+)["']\s*\)/g, 'require'],
  [/\bcreateRequire\([^)]*\)\(\s*["']([^"'\n]+)["']\s*\)/g, 'require'],
];

export function runtimeImports(file: string): RuntimeImport[] {
  const code = readFileSync(file, 'utf8');
  const found = new Map<string, RuntimeImport>();
  for (const [pattern, kind] of PATTERNS) {
    for (const m of code.matchAll(pattern)) {
      const specifier = m[1] ?? '';
      found.set(`${kind}:${specifier}`, { file, specifier, kind });
    }
  }
  return [...found.values()];
}

/** Every import reachable from `entry` through relative imports (the entry and its chunks). */
export function importGraph(entry: string): RuntimeImport[] {
  const seen = new Set<string>();
  const all: RuntimeImport[] = [];
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imp of runtimeImports(file)) {
      all.push(imp);
      if (imp.specifier.startsWith('.')) visit(resolve(dirname(file), imp.specifier));
    }
  };
  visit(resolve(entry));
  return all;
}

/**
 * Resolves bare specifiers as Node would from `fromFile` (ESM: import.meta.resolve, CJS:
 * require.resolve), in a child process so the resolution sees only that folder's node_modules.
 * Returns specifier → resolved path, or the error message when it does not resolve.
 */
export function resolveFrom(fromFile: string, imports: RuntimeImport[]): Map<string, string> {
  const probe = join(dirname(fromFile), `.resolve-probe-${process.pid}.mjs`);
  writeFileSync(
    probe,
    [
      "import { createRequire } from 'node:module';",
      "import { fileURLToPath } from 'node:url';",
      'const require = createRequire(import.meta.url);',
      'const out = {};',
      'for (const [kind, spec] of JSON.parse(process.argv[2])) {',
      '  try {',
      "    out[spec] = kind === 'require' ? require.resolve(spec) : fileURLToPath(import.meta.resolve(spec));",
      '  } catch (err) { out[spec] = `unresolved: ${err.message}`; }',
      '}',
      'console.log(JSON.stringify(out));',
    ].join('\n'),
  );
  const r = spawnSync(
    process.execPath,
    [probe, JSON.stringify(imports.map((i) => [i.kind, i.specifier]))],
    { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
  );
  rmSync(probe, { force: true });
  if (r.status !== 0) throw new Error(`resolve probe failed: ${r.stderr}`);
  return new Map(Object.entries(JSON.parse(r.stdout) as Record<string, string>));
}
