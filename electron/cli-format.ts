// Pure text helpers for the CLI: the preflight and alerts tables and `settings get/set` values.
import type { AlertsView, PreflightReport } from '../shared/api';
import type { Settings } from '../shared/settings';

const MARK: Record<string, string> = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL', skipped: 'skip' };

export function formatPreflightTable(report: PreflightReport): string {
  const width = Math.max(...report.checks.map((c) => c.title.length), 10);
  const lines = report.checks.map((c) => {
    const head = `${MARK[c.status] ?? c.status}  ${c.title.padEnd(width)}  ${c.observed}`;
    return c.fix && c.status !== 'ok' ? `${head}\n${' '.repeat(width + 8)}fix: ${c.fix}` : head;
  });
  const s = report.summary;
  lines.push('', `${s.ok} ok, ${s.warn} warning(s), ${s.fail} failed, ${s.skipped} skipped`);
  return lines.join('\n');
}

/**
 * `server.port` → 8000; unknown keys are an error that lists the known ones. Own keys only, so
 * `__proto__`, `constructor` or `server.toString` are unknown settings, not whatever an object
 * inherits.
 */
export function readSettingKey(settings: Settings, key: string): unknown {
  let value: unknown = settings;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) {
      throw Object.assign(new Error(`unknown setting: ${key}`), {
        code: 'usage',
        fix: `known keys: ${listKeys(settings).join(', ')}`,
      });
    }
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function listKeys(settings: Settings): string[] {
  return Object.entries(settings).flatMap(([section, v]) =>
    v && typeof v === 'object' ? Object.keys(v).map((k) => `${section}.${k}`) : [section],
  );
}

/** Like git config: true/false and numbers are typed, JSON arrays parse, the rest is a string. */
export function parseSettingValue(raw: string): unknown {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (raw.startsWith('[')) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }
  return raw;
}

const STATE_MARK: Record<string, string> = {
  firing: 'FIRING ',
  pending: 'pending',
  inactive: 'ok     ',
};

/** `peak-watch alerts`: one line per rule, then one per active alert (like amtool alert query). */
export function formatAlertsTable(view: AlertsView): string {
  if (view.error !== null) return `alert states unknown: ${view.error}`;
  const width = Math.max(...view.rules.map((r) => r.name.length), 10);
  const lines: string[] = [];
  for (const r of view.rules) {
    const notes = [r.severity, r.muted ? 'muted' : '', r.loaded ? '' : 'not loaded by Prometheus'];
    if (r.health === 'err') notes.push(`error: ${r.lastError}`);
    lines.push(
      `${STATE_MARK[r.state] ?? r.state}  ${r.name.padEnd(width)}  ${notes.filter(Boolean).join(', ')}`,
    );
    for (const a of r.alerts) {
      const since = a.activeAt ? ` since ${a.activeAt}` : '';
      lines.push(
        `${' '.repeat(width + 11)}${a.state}${since}  value ${a.value}  ${a.annotations.summary ?? ''}`,
      );
    }
    if (r.state === 'firing') lines.push(`${' '.repeat(width + 11)}fix: ${r.fix}`);
  }
  lines.push('', `${view.firing} firing, ${view.pending} pending, ${view.rules.length} rules`);
  return lines.join('\n');
}
