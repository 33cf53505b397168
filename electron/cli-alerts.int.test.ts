// `peak-watch alerts` as a script uses it: a real child process against a real native
// Prometheus whose target-down alert fires (nothing serves /metrics while only the CLI runs).
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderAlertRulesFile } from '../shared/alert-rules-file';
import { ALERT_RULES_FILE } from '../shared/alerts';
import type { AlertsView } from '../shared/api';
import { applySettingsPatch, defaultSettings } from '../shared/settings';
import { formatAlertsTable } from './cli-format';
import {
  freePort,
  PROMETHEUS_BIN,
  requireBinary,
  skipWithout,
  startTestPrometheus,
  waitFor,
} from './services/prometheus/testing';
import { buildOutput } from './build-output';

function peakWatch(dir: string, args: string[]) {
  const r = spawnSync(process.execPath, [buildOutput.cli, ...args, '--data-dir', dir], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const skip = skipWithout(PROMETHEUS_BIN);
const dirs: string[] = [];

const stops: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const stop of stops) await stop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('peak-watch alerts', () => {
  it('says the states are unknown, exit 3, when Prometheus is not running', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-cli-alerts-'));
    dirs.push(dir);
    peakWatch(dir, ['settings', 'set', 'stack.prometheusPort', String(await freePort())]);
    const r = peakWatch(dir, ['alerts']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/alert states unknown: .*not reachable/i);
  });

  it.skipIf(skip)(
    'lists every rule with its state and exits 1 while one fires',
    async () => {
      requireBinary(PROMETHEUS_BIN);
      const dir = await mkdtemp(join(tmpdir(), 'pw-cli-alerts-'));
      dirs.push(dir);
      // The generated rules, with target down firing at once; the target is a port nobody serves.
      const alerts = applySettingsPatch(defaultSettings(), {
        alerts: { evaluationIntervalSeconds: 1, targetDownForSeconds: 0 },
      }).alerts;
      const rules = join(dir, ALERT_RULES_FILE);
      await writeFile(rules, renderAlertRulesFile(alerts));
      const prometheus = await startTestPrometheus(
        [
          'global: { scrape_interval: 1s, evaluation_interval: 1s }',
          `rule_files: [${JSON.stringify(rules)}]`,
          'scrape_configs:',
          `  - job_name: "peak_trade_web"`,
          `    static_configs: [{ targets: ["127.0.0.1:${await freePort()}"] }]`,
        ].join('\n'),
      );
      stops.push(prometheus.stop);
      expect(
        peakWatch(dir, ['settings', 'set', 'stack.prometheusPort', String(prometheus.port)]).code,
      ).toBe(0);
      const firing = await waitFor(
        'target down firing',
        () => {
          const r = peakWatch(dir, ['alerts', '--json']);
          return Promise.resolve(r.code === 1 ? r : undefined);
        },
        60_000,
        500,
      );
      const view = JSON.parse(firing.stdout) as AlertsView;
      expect(view.rules.map((r) => r.name)).toContain('PeakTradeHighErrorRate');
      expect(view.rules.find((r) => r.name === 'PeakTradeTargetDown')?.state).toBe('firing');
      const table = peakWatch(dir, ['alerts']);
      expect(table.code).toBe(1);
      expect(table.stdout).toMatch(/FIRING\s+PeakTradeTargetDown/);
      expect(table.stdout).toMatch(/fix: Open Targets/);
    },
    120_000,
  );
});

describe('the alerts table', () => {
  it('prints an all-clear line per rule and a summary', () => {
    const text = formatAlertsTable({
      rules: [],
      firing: 0,
      pending: 0,
      error: null,
      checkedAt: '',
      health: { health: 'ok', detail: '', firing: 0 },
    });
    expect(text).toContain('0 firing, 0 pending, 0 rules');
  });
});
