// Finds import cycles among the product's TypeScript modules (tests excluded). A cycle makes a
// module's meaning depend on load order and ties two concerns together; the contract in shared/
// is split so that none exists (shared/api.ts only re-exports, shared/methods.ts imports types
// from shared/contract/). `import type` counts too: it is still a dependency a reader follows.
// eslint-plugin-import's no-cycle is not installed; this reads the import statements itself.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The relative specifiers a module imports or re-exports from, static forms only. */
export function relativeImports(source: string): string[] {
  const found: string[] = [];
  const statement = /^\s*(?:import|export)\b[^;]*?\bfrom\s+['"](\.[^'"]+)['"]/gm;
  const bare = /^\s*import\s+['"](\.[^'"]+)['"]/gm;
  for (const m of source.matchAll(statement)) found.push(m[1]!);
  for (const m of source.matchAll(bare)) found.push(m[1]!);
  return found;
}

function resolveModule(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Module → the modules it imports, for every non-test .ts/.tsx file under `dirs`. */
export function importGraph(root: string, dirs: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const dir of dirs) {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name))
        continue;
      const file = join(entry.parentPath, entry.name);
      const targets = relativeImports(readFileSync(file, 'utf8'))
        .map((s) => resolveModule(file, s))
        .filter((t): t is string => t !== null);
      graph.set(relative(root, file), [...new Set(targets.map((t) => relative(root, t)))]);
    }
  }
  return graph;
}

/** Every cycle once, as the modules on it with the first repeated at the end. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (node: string): void => {
    const at = onPath.indexOf(node);
    if (at >= 0) {
      cycles.push([...onPath.slice(at), node]);
      return;
    }
    if (done.has(node)) return;
    onPath.push(node);
    for (const next of graph.get(node) ?? []) visit(next);
    onPath.pop();
    done.add(node);
  };
  for (const node of [...graph.keys()].sort()) visit(node);
  return cycles;
}
