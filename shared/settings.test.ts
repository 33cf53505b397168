import { describe, expect, it } from 'vitest';
import {
  applySettingsPatch,
  defaultSettings,
  settingsPatchSchema,
  settingsSchema,
} from './settings';

describe('settings schema', () => {
  it('gives the defaults: server 127.0.0.1:8000, Prometheus 9091, Grafana 3000, scrape 15s', () => {
    const s = defaultSettings();
    expect(s.server).toEqual({ host: '127.0.0.1', port: 8000, enabled: false, strict: false });
    expect(s.stack).toMatchObject({
      prometheusPort: 9091,
      grafanaPort: 3000,
      scrapeIntervalSeconds: 15,
    });
    expect(s.stack.grafanaImage).toBe('grafana/grafana:12.3.1');
  });

  it('a patch touches only what it names (no defaults sneak into a partial)', () => {
    const patch = settingsPatchSchema.parse({ server: { enabled: true } });
    expect(patch).toEqual({ server: { enabled: true } });
    const current = applySettingsPatch(defaultSettings(), { server: { port: 8123 } });
    expect(applySettingsPatch(current, patch).server).toMatchObject({ port: 8123, enabled: true });
  });

  it('fills missing fields of a stored file from the defaults', () => {
    const s = settingsSchema.parse({ version: 1, server: { port: 9000 } });
    expect(s.server).toMatchObject({ port: 9000, host: '127.0.0.1' });
    expect(s.stack.prometheusPort).toBe(9091);
  });

  it('refuses unknown keys, :latest images and bad targets with the setting named', () => {
    expect(settingsPatchSchema.safeParse({ server: { prot: 1 } }).success).toBe(false);
    const img = settingsPatchSchema.safeParse({
      stack: { grafanaImage: 'grafana/grafana:latest' },
    });
    expect(img.success).toBe(false);
    const target = settingsPatchSchema.safeParse({
      stack: { extraTargets: ['http://x:1/metrics'] },
    });
    expect(target.error?.issues[0]?.message).toMatch(/host:port/);
  });
});
