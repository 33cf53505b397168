// Pooled A/B of two renderer builds under bench:ui: runs bench/ui.bench.ts on the BEFORE and the
// AFTER build alternately, BENCH_AB_ROUNDS rounds in ABBA order (before, after, after, before, …)
// so a load that drifts over the session falls on both alike; then pools every measured refresh
// (and Explore run) per case and build and prints p50 and p95 (data arrival → second rAF), the
// after/before ratio, and the after build's target verdict. Single runs on a shared 2-core machine
// scatter by tens of ms; a pooled distribution of a hundred refreshes per side does not.
//   npm run bench:ab                       (builds out/ first; all cases, 3 rounds: ~20 min)
//   BENCH_AB_ROUNDS=4 BENCH_UI_CASE=typical BENCH_UI_SECONDS=30 npx tsx bench/ab.ts
//   BENCH_AB_BEFORE=/path/to/before/out/renderer   (default ../bench-before/out/renderer, beside
//                                                    this checkout: see docs/PERFORMANCE.md for
//                                                    how that build is made)
//   BENCH_AB_AFTER=/path/to/after/out/renderer     (default out/renderer)
//   BENCH_AB_OUT=out/bench/ab                      (each run's output and samples)
// Every other BENCH_UI_* setting (BENCH_UI_CASE, BENCH_UI_SHAPE, BENCH_UI_SECONDS, …) is passed to
// every run.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import type { PaintSample } from '../renderer/src/bench-probe/refresh-paint-tracker';
import { doubleRafQuantiles, verdict, type SamplesFile } from './ui/cases';

const root = join(import.meta.dirname, '..');
const ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 3);
const OUT = resolve(process.env.BENCH_AB_OUT ?? join(root, 'out', 'bench', 'ab'));
const BUILDS = {
  before: resolve(
    process.env.BENCH_AB_BEFORE ?? join(root, '..', 'bench-before', 'out', 'renderer'),
  ),
  after: resolve(process.env.BENCH_AB_AFTER ?? join(root, 'out', 'renderer')),
} as const;
type Side = keyof typeof BUILDS;
/** One bench:ui run of all cases takes ~3 min; a run stuck past this is stopped. */
const RUN_TIMEOUT_MS = 15 * 60_000;

/** One bench:ui run on one build; its samples file, read back. */
async function runOnce(side: Side, round: number): Promise<SamplesFile> {
  const name = `${side}-${round}`;
  const samples = join(OUT, `${name}.json`);
  const log = join(OUT, `${name}.log`);
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [join(root, 'bench', 'ui.bench.ts')], {
    cwd: root,
    env: {
      ...process.env,
      BENCH_UI_RENDERER: BUILDS[side],
      BENCH_UI_SAMPLES: samples,
      BENCH_UI_SCREENSHOT: join(OUT, `${name}.png`),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const file = createWriteStream(log);
  child.stdout.pipe(file);
  child.stderr.pipe(file);
  const timer = setTimeout(() => child.kill('SIGTERM'), RUN_TIMEOUT_MS);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearTimeout(timer);
  if (code !== 0)
    throw new Error(`bench:ui on ${side} (round ${round}) exited ${code}: see ${log}`);
  return JSON.parse(await readFile(samples, 'utf8')) as SamplesFile;
}

/** A table row: the case's name, then right-aligned figures, then the verdict as it is. */
const row = (cells: string[]): string =>
  '  ' +
  cells
    .map((c, i) => (i === 0 ? c.padEnd(12) : i === cells.length - 1 ? ` ${c}` : c.padStart(8)))
    .join(' ');

async function main(): Promise<void> {
  for (const [side, dir] of Object.entries(BUILDS)) {
    await readFile(join(dir, 'index.html')).catch(() => {
      throw new Error(`no ${side} build at ${dir} (index.html): build it first`);
    });
  }
  await mkdir(OUT, { recursive: true });
  const pooled: Record<Side, Map<string, PaintSample[]>> = { before: new Map(), after: new Map() };
  const targets = new Map<string, number>();
  const perRun: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const order: Side[] = round % 2 === 1 ? ['before', 'after'] : ['after', 'before'];
    for (const side of order) {
      const load = os.loadavg()[0] ?? Number.NaN;
      console.log(`round ${round}/${ROUNDS}: ${side} (load ${load.toFixed(2)}) …`);
      const run = await runOnce(side, round);
      const line: string[] = [];
      for (const [name, { targetP95Ms, samples }] of Object.entries(run.cases)) {
        targets.set(name, targetP95Ms);
        pooled[side].set(name, [...(pooled[side].get(name) ?? []), ...samples]);
        const { p95 } = doubleRafQuantiles(samples);
        line.push(`${name} p95 ${p95.toFixed(1)}`);
      }
      perRun.push(`  round ${round} ${side.padEnd(6)} ${line.join(', ')}`);
      console.log(perRun.at(-1));
    }
  }
  const lines = [
    '',
    `bench:ab — ${ROUNDS} rounds, pooled; data arrival → second rAF after the commit, ms ` +
      '(b = before, a = after)',
    `  before  ${BUILDS.before}`,
    `  after   ${BUILDS.after}`,
    `  machine ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ` +
      `load now ${(os.loadavg()[0] ?? Number.NaN).toFixed(2)}`,
    row([
      'case',
      'n b/a',
      'p50 b',
      'p50 a',
      'a/b',
      'p95 b',
      'p95 a',
      'a/b',
      'after p95 against target',
    ]),
  ];
  for (const [name, target] of targets) {
    const before = pooled.before.get(name) ?? [];
    const after = pooled.after.get(name) ?? [];
    const b = doubleRafQuantiles(before);
    const a = doubleRafQuantiles(after);
    lines.push(
      row([
        name,
        `${before.length}/${after.length}`,
        b.p50.toFixed(1),
        a.p50.toFixed(1),
        (a.p50 / b.p50).toFixed(2),
        b.p95.toFixed(1),
        a.p95.toFixed(1),
        (a.p95 / b.p95).toFixed(2),
        verdict(a.p95, target),
      ]),
    );
  }
  lines.push('  each run:', ...perRun, `  logs, samples and screenshots: ${OUT}`);
  console.log(lines.join('\n'));
}

await main();
