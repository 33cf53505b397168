// Which exporter the settings ask for, pure: none unless both switches are on; the receiver's
// URL as an exporter on this machine reaches it; a token only off loopback.
import { describe, expect, it } from 'vitest';
import { SETTINGS_DEFAULTS, settingsSchema, type Settings } from '../../../shared/settings';
import { protocolFromEnv } from './exporters';
import { exportPlan, receiverBaseUrl } from './follow-settings';

const settings = (telemetry: Partial<Settings['telemetry']>): Settings =>
  settingsSchema.parse({ telemetry: { ...SETTINGS_DEFAULTS.telemetry, ...telemetry } });

describe('exportPlan', () => {
  it('has no exporter unless telemetry.enabled and telemetry.instrument are both on', () => {
    expect(exportPlan(settings({ enabled: false, instrument: true }))).toBeNull();
    expect(exportPlan(settings({ enabled: true, instrument: false }))).toBeNull();
    expect(exportPlan(settings({ enabled: true, instrument: true, port: 4318 }))).toEqual({
      baseUrl: 'http://127.0.0.1:4318',
      needsToken: false,
    });
  });

  it('asks for the token only when the receiver is off loopback', () => {
    expect(exportPlan(settings({ enabled: true, host: '192.168.1.20' }))?.needsToken).toBe(true);
    expect(exportPlan(settings({ enabled: true, host: 'localhost' }))?.needsToken).toBe(false);
  });
});

describe('receiverBaseUrl', () => {
  it('reaches a wildcard bind on loopback and brackets IPv6', () => {
    expect(receiverBaseUrl('0.0.0.0', 4318)).toBe('http://127.0.0.1:4318');
    expect(receiverBaseUrl('::', 4318)).toBe('http://[::1]:4318');
    expect(receiverBaseUrl('::1', 4318)).toBe('http://[::1]:4318');
    expect(receiverBaseUrl('10.0.0.5', 4319)).toBe('http://10.0.0.5:4319');
  });
});

describe('protocolFromEnv', () => {
  it('is protobuf unless OTEL_EXPORTER_OTLP_PROTOCOL says http/json', () => {
    expect(protocolFromEnv({})).toBe('http/protobuf');
    expect(protocolFromEnv({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })).toBe('http/json');
    expect(protocolFromEnv({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toBe('http/protobuf');
  });
});
