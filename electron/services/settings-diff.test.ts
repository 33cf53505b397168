// One settings diff: every reaction to a settings change (the server plan, the Prometheus client,
// the stack's files and restart, the preflight re-runs, the Alerts page, the settings file's
// overlay) asks diffSettings, so a changed or added field in any section is noticed by each
// reaction that watches that section. Pure: no process, no port.
import { describe, expect, it } from 'vitest';
import {
  SETTINGS_SECTIONS,
  defaultSettings,
  diffSettings,
  type Settings,
  type SettingsSection,
} from '../../shared/settings';
import { onAlertSettingsChange } from './console';
import { affectedChecks } from './preflight';
import { planSettingsChange } from './settings-plan';
import { differences } from './settings-store';
import { needsRestart } from './stack/stack';

/** A different value of the same kind, whatever the field holds. */
function another(value: unknown): unknown {
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'string') return `${value}x`;
  if (Array.isArray(value)) return [...(value as unknown[]), 'x'];
  throw new Error(`no other value for ${JSON.stringify(value)}`);
}

/** The settings with one field of one section set (an unknown field name adds the field). */
function withField(section: SettingsSection, field: string, value: unknown): Settings {
  const s: Settings = defaultSettings();
  const changed: Record<string, unknown> = { ...s[section], [field]: value };
  return { ...s, [section]: changed };
}

/** Every field of every section of the defaults, as [section, field, current value]. */
const everyField: [SettingsSection, string, unknown][] = SETTINGS_SECTIONS.flatMap((section) =>
  Object.entries(defaultSettings()[section]).map(
    ([field, value]): [SettingsSection, string, unknown] => [section, field, value],
  ),
);

function reactions(next: Settings) {
  const previous = defaultSettings();
  let alertsRefreshed = 0;
  onAlertSettingsChange(previous, () => alertsRefreshed++)(next);
  return {
    plan: planSettingsChange(previous, next, { serving: true, listening: true }),
    checks: affectedChecks(previous, next),
    restart: needsRestart(previous, next),
    patch: differences(previous, next),
    alertsRefreshed,
  };
}

describe('diffSettings', () => {
  it('names exactly the changed field, in every field of every section', () => {
    expect(new Set(everyField.map(([section]) => section))).toEqual(new Set(SETTINGS_SECTIONS));
    for (const [section, field, value] of everyField) {
      const diff = diffSettings(defaultSettings(), withField(section, field, another(value)));
      expect(diff.empty, `${section}.${field}`).toBe(false);
      for (const s of SETTINGS_SECTIONS) {
        expect([...diff.fields[s]], `${section}.${field} in ${s}`).toEqual(
          s === section ? [field] : [],
        );
      }
      expect(diff.has(section, field as never)).toBe(true);
      expect(diff.hasExcept(section, field as never)).toBe(false);
    }
  });

  it('finds nothing between equal settings built apart (new arrays, other key order)', () => {
    const a = withField('stack', 'instances', [{ target: 'h:1', tokenFile: '/t' }]);
    const b = withField('stack', 'instances', [{ tokenFile: '/t', target: 'h:1' }]);
    const diff = diffSettings(a, b);
    expect(diff.empty).toBe(true);
    expect(SETTINGS_SECTIONS.map((s) => diff.fields[s].size)).toEqual(
      SETTINGS_SECTIONS.map(() => 0),
    );
  });

  it('sees a change deep inside a list of objects', () => {
    const a = withField('stack', 'instances', [{ target: 'h:1', tokenFile: '' }]);
    const b = withField('stack', 'instances', [{ target: 'h:1', tokenFile: '/t' }]);
    expect([...diffSettings(a, b).fields.stack]).toEqual(['instances']);
  });
});

describe('every reaction derives from the one diff', () => {
  it('a field added to any section shows in the file overlay, and each reaction watching the section notices it', () => {
    for (const section of SETTINGS_SECTIONS) {
      const r = reactions(withField(section, 'addedField', 1));
      expect(r.patch, section).toEqual({ [section]: { addedField: 1 } });
      const stackSide = section === 'stack' || section === 'alerts' || section === 'source';
      expect(r.plan.stack, section).toBe(stackSide);
      expect(r.checks.includes('stack-files'), section).toBe(section !== 'source' && stackSide);
      expect(r.alertsRefreshed, section).toBe(section === 'alerts' ? 1 : 0);
      // A source field other than the job is Grafana's datasource and the client's connection.
      expect(r.plan.prometheusClient, section).toBe(section === 'source');
      expect(r.restart, section).toBe(section === 'source');
      if (section === 'source') expect(r.checks).toContain('prometheus-ready');
    }
  });

  it('a changed value in every field reaches the overlay and the reactions of its section', () => {
    for (const [section, field, value] of everyField) {
      const changed = another(value);
      const r = reactions(withField(section, field, changed));
      const name = `${section}.${field}`;
      expect(r.patch, name).toEqual({ [section]: { [field]: changed } });
      if (section === 'stack' || section === 'alerts') {
        expect(r.plan.stack, name).toBe(true);
        expect(r.checks, name).toContain('stack-files');
      }
      if (section === 'source') {
        expect(r.plan.stack, name).toBe(true);
        expect(r.plan.prometheusClient, name).toBe(field !== 'job');
        expect(r.restart, name).toBe(field !== 'job');
      }
      expect(r.alertsRefreshed, name).toBe(section === 'alerts' ? 1 : 0);
      if (section === 'ui') {
        expect(r.plan, name).toEqual({
          server: 'keep',
          serverFlags: null,
          prometheusClient: false,
          stack: false,
        });
        expect(r.checks, name).toEqual([]);
      }
    }
  });

  it('nothing reacts to settings that did not change', () => {
    const r = reactions(defaultSettings());
    expect(r).toEqual({
      plan: { server: 'keep', serverFlags: null, prometheusClient: false, stack: false },
      checks: [],
      restart: false,
      patch: {},
      alertsRefreshed: 0,
    });
  });
});
