// Test support: promtool's series notation turned into what a range query of that series would
// answer (5m lookback, stale markers end a series), and a promtool run in a temp folder.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandError, runCommand } from '../exec';
import { PROMTOOL_BIN } from '../prometheus/testing';

type Sample = number | 'stale' | null;

/** Expands promtool's values notation: `1 _ 0x3 1+2x2 stale _x2`. */
export function expandSeries(values: string): Sample[] {
  const out: Sample[] = [];
  for (const token of values.trim().split(/\s+/)) {
    const m = /^(_|stale|-?[\d.]+)(?:([+-][\d.]+))?(?:x(\d+))?$/.exec(token);
    if (!m) throw new Error(`cannot read ${token}`);
    const [, base = '', delta, times] = m;
    // `axn` is n+1 samples (a, then n more), but `_xn` is n blanks (promtool's docs).
    const n = times === undefined ? 1 : Number(times) + (base === '_' ? 0 : 1);
    for (let i = 0; i < n; i++) {
      if (base === '_') out.push(null);
      else if (base === 'stale') out.push('stale');
      else out.push(Number(base) + (delta ? Number(delta) * i : 0));
    }
  }
  return out;
}

/** The value an instant query sees at each step: the newest sample within 5m, none after stale. */
export function lookback(
  samples: Sample[],
  intervalSeconds: number,
  steps: number,
): (number | null)[] {
  const out: (number | null)[] = [];
  for (let step = 0; step < steps; step++) {
    let seen: number | null = null;
    for (let i = Math.min(step, samples.length - 1); i >= 0; i--) {
      // Prometheus 2.x includes a sample exactly 5m old ([t-5m, t]).
      if ((step - i) * intervalSeconds > 300) break;
      const s = samples[i];
      if (s === null || s === undefined) continue;
      seen = s === 'stale' ? null : s;
      break;
    }
    out.push(seen);
  }
  return out;
}

/** Runs `promtool test rules` on files written to a temp folder; resolves with pass/fail + output. */
export async function promtoolTestRules(
  files: Record<string, string>,
  testFile: string,
): Promise<{ passed: boolean; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pw-promtool-'));
  try {
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    const r = await runCommand(PROMTOOL_BIN, ['test', 'rules', join(dir, testFile)]);
    return { passed: true, output: r.stdout + r.stderr };
  } catch (err) {
    if (err instanceof CommandError && err.code === 'command-failed') {
      return { passed: false, output: `${err.stdout}\n${err.stderrTail}` };
    }
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
