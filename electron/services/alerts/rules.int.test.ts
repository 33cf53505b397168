// The rules file and its unit tests, on the real promtool: the generated rules check clean with
// default and changed settings, and every rule's promtool unit tests (resources/alerts) pass.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  renderAlertRulesFile,
  renderDefaultAlertRulesFile,
} from '../../../shared/alert-rules-file';
import { ALERT_NAMES, ALERT_RULES_FILE } from '../../../shared/alerts';
import { applySettingsPatch, defaultSettings } from '../../../shared/settings';
import { runCommand } from '../exec';
import { PROMTOOL_BIN, requireBinary, skipWithout } from '../prometheus/testing';
import { promtoolTestRules } from './promtool-testing';
import { RULE_CASES, renderRuleTests } from './rule-tests';

const resource = (p: string) =>
  fileURLToPath(new URL(`../../../resources/alerts/${p}`, import.meta.url));
const skip = skipWithout(PROMTOOL_BIN);

describe('the committed alert files', () => {
  it('are what the definition generates (run npm run dashboard:write if not)', async () => {
    expect(await readFile(resource(ALERT_RULES_FILE), 'utf8')).toBe(renderDefaultAlertRulesFile());
    expect(await readFile(resource('tests.yml'), 'utf8')).toBe(renderRuleTests());
  });

  it('have unit tests for every rule, each with a series that fires and one that must not', () => {
    for (const name of ALERT_NAMES) {
      const checks = RULE_CASES.flatMap((c) => c.checks).filter((c) => c.alertname === name);
      expect(
        checks.some((c) => c.firing.length > 0),
        `${name} fires somewhere`,
      ).toBe(true);
      expect(
        checks.some((c) => c.firing.length === 0),
        `${name} stays quiet somewhere`,
      ).toBe(true);
    }
  });
});

describe.skipIf(skip)('promtool on the alert rules', () => {
  it('passes every rule unit test in resources/alerts/tests.yml', async () => {
    requireBinary(PROMTOOL_BIN);
    const { stdout } = await runCommand(PROMTOOL_BIN, ['test', 'rules', resource('tests.yml')]);
    expect(stdout).toContain('SUCCESS');
  });

  it('fails a unit test that expects target down to fire before its `for` (the tests can fail)', async () => {
    requireBinary(PROMTOOL_BIN);
    const early = RULE_CASES.map((c) => ({
      ...c,
      checks: c.checks.map((k) =>
        k.alertname === 'PeakTradeTargetDown' && k.at === '90s' ? { ...k, at: '75s' } : k,
      ),
    }));
    const r = await promtoolTestRules(
      { [ALERT_RULES_FILE]: renderDefaultAlertRulesFile(), 'tests.yml': renderRuleTests(early) },
      'tests.yml',
    );
    expect(r.passed).toBe(false);
    expect(r.output).toContain('PeakTradeTargetDown');
  });

  it('checks clean with changed thresholds, `for` durations and evaluation interval', async () => {
    requireBinary(PROMTOOL_BIN);
    const settings = applySettingsPatch(defaultSettings(), {
      alerts: {
        errorRatio: 0.125,
        latencyP95Seconds: 0.25,
        targetDownForSeconds: 0,
        latencyForSeconds: 5400,
        evaluationIntervalSeconds: 1,
      },
    });
    const text = renderAlertRulesFile(settings.alerts);
    expect(text).toContain('> 0.125"');
    expect(text).toContain('for: 1h30m');
    expect(text).toContain('interval: 1s');
    const dir = await mkdtemp(join(tmpdir(), 'pw-rules-'));
    try {
      await writeFile(join(dir, ALERT_RULES_FILE), text);
      const { stdout } = await runCommand(PROMTOOL_BIN, [
        'check',
        'rules',
        join(dir, ALERT_RULES_FILE),
      ]);
      expect(stdout).toContain(`SUCCESS: ${ALERT_NAMES.length} rules found`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
