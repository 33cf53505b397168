// The last step of `npm run build`: the build must do what the sources do. Fails (exit 1, each
// problem on its own line naming the file) when
//  - a built file (out/main, out/preload, the renderer bundle) holds an empty try block or an
//    empty `if` block — what is left when a bundler deletes a check kept only for its throw
//    (electron-vite build checks our modules before minification too: emptyBlockCheck);
//  - a source file calls a validator and drops its result (the same deletion waiting to happen);
//  - the built metrics server answers any case of the bad-input table
//    (electron/services/metrics-server/bad-input-cases.ts) differently from the source server.
// Run after `electron-vite build`; takes a few seconds.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildOutput } from '../../electron/build-output';
import {
  runBadInputCases,
  type CaseResult,
} from '../../electron/services/metrics-server/bad-input-cases';
import { startBuiltServer } from '../../electron/services/metrics-server/built-server';
import { MetricsServer } from '../../electron/services/metrics-server/metrics-server';
import { describeFinding, droppedResults, emptyBlocks, type Finding } from './dropped-checks';

const root = buildOutput.root;

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && keep(entry.name)) files.push(join(entry.parentPath, entry.name));
  }
  return files.sort();
}

/** The JavaScript the app and the CLI run: out/main, out/preload and the renderer bundle. */
export function builtFiles(): string[] {
  return [
    ...filesUnder(join(root, 'out', 'main'), (n) => /\.(m?js|cjs)$/.test(n)),
    ...filesUnder(join(root, 'out', 'preload'), (n) => /\.(m?js|cjs)$/.test(n)),
    ...filesUnder(join(buildOutput.renderer, 'assets'), (n) => n.endsWith('.js')),
  ];
}

/** The sources that ship (tests and test helpers excluded). */
export function shippedSources(): string[] {
  return ['electron', 'shared', join('renderer', 'src')].flatMap((dir) =>
    filesUnder(
      join(root, dir),
      (n) => /\.(ts|tsx)$/.test(n) && !/\.test\.tsx?$/.test(n) && !/^testing\.ts$/.test(n),
    ),
  );
}

const relativeFinding = (f: Finding): Finding => ({ ...f, file: relative(root, f.file) });

export function builtFindings(): Finding[] {
  return builtFiles().flatMap((f) => emptyBlocks(f, readFileSync(f, 'utf8')).map(relativeFinding));
}

export function sourceFindings(): Finding[] {
  return shippedSources().flatMap((f) =>
    droppedResults(f, readFileSync(f, 'utf8')).map(relativeFinding),
  );
}

/** The bad-input table against the source server (this process) and the built one (a child). */
export async function serverParity(): Promise<{ source: CaseResult[]; built: CaseResult[] }> {
  const source = new MetricsServer({
    host: '127.0.0.1',
    port: 0,
    enabled: true,
    strict: false,
    token: null,
  });
  await source.start();
  const built = await startBuiltServer();
  try {
    return {
      source: await runBadInputCases(source.address?.port ?? 0),
      built: await runBadInputCases(built.port),
    };
  } finally {
    await Promise.all([source.stop(), built.stop()]);
  }
}

export function parityProblems(source: CaseResult[], built: CaseResult[]): string[] {
  return source.flatMap((s, i) => {
    const b = built[i];
    return b !== undefined && b.status === s.status
      ? []
      : [
          `the built metrics server answers "${s.name}" with ${b?.status ?? 'nothing'}, the source with ${s.status} (the table expects ${s.expected})`,
        ];
  });
}

async function main(): Promise<number> {
  const problems = [
    ...builtFindings().map(
      (f) =>
        `${describeFinding(f)} — the bundler deleted the statements this block held; a check that only throws must use its result`,
    ),
    ...sourceFindings().map(
      (f) =>
        `${describeFinding(f)} — a bundler may delete this call and the check with it; use the result`,
    ),
  ];
  const { source, built } = await serverParity();
  problems.push(...parityProblems(source, built));
  if (problems.length > 0) {
    console.error(`The build does not do what the sources do:\n- ${problems.join('\n- ')}`);
    return 1;
  }
  console.error(
    `build check: no empty blocks in ${builtFiles().length} built files, no dropped validator results in the sources, and the built metrics server answers all ${source.length} bad-input cases as the source does`,
  );
  return 0;
}

// Run as a script (tsx scripts/build/check-build.ts), not when a test imports it.
if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  process.exitCode = await main();
}
