import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../shared/settings';
import { formatPreflightTable, parseSettingValue, readSettingKey } from './cli-format';

describe('peak-watch settings get/set values', () => {
  it('types values like git config does', () => {
    expect(parseSettingValue('true')).toBe(true);
    expect(parseSettingValue('9092')).toBe(9092);
    expect(parseSettingValue('["127.0.0.1:9100"]')).toEqual(['127.0.0.1:9100']);
    expect(parseSettingValue('grafana/grafana:12.3.1')).toBe('grafana/grafana:12.3.1');
  });

  it('reads a dotted key and names the known keys for an unknown one', () => {
    expect(readSettingKey(defaultSettings(), 'stack.prometheusPort')).toBe(9091);
    expect(() => readSettingKey(defaultSettings(), 'stack.nope')).toThrow(
      /unknown setting: stack.nope/,
    );
  });
});

describe('peak-watch doctor table', () => {
  it('shows each check, the fix for a failure, and the summary', () => {
    const text = formatPreflightTable({
      ranAt: '2026-11-25T00:00:00Z',
      summary: { ok: 1, warn: 0, fail: 1, skipped: 0 },
      checks: [
        { id: 'docker-cli', title: 'Docker CLI', status: 'ok', observed: 'Docker 28.2.2', fix: '' },
        {
          id: 'port-prometheus',
          title: 'Prometheus port',
          status: 'fail',
          observed: 'port 9091 held by x',
          fix: 'free it',
        },
      ],
    });
    expect(text).toMatch(/^ok +Docker CLI +Docker 28\.2\.2$/m);
    expect(text).toMatch(/FAIL {2}Prometheus port +port 9091 held by x\n +fix: free it/);
    expect(text).toMatch(/1 ok, 0 warning\(s\), 1 failed, 0 skipped/);
  });
});
