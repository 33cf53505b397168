// Test support: the app a user runs (`peak-watch headless` from the build) with the OTLP
// receiver switched on in its settings, on free loopback ports, and its instance token.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TelemetryStatus } from '../../../shared/contract/telemetry';
import type { TelemetrySettings } from '../../../shared/settings';
import { startHeadless, type HeadlessApp } from '../../clients-testing';
import { freePort } from '../prometheus/testing';
import { SettingsStore } from '../settings-store';

export interface TelemetryApp {
  app: HeadlessApp;
  dataDir: string;
  /** http://127.0.0.1:<port>, where exporters send /v1/traces and /v1/logs. */
  endpoint: string;
  token: () => Promise<string>;
  status: () => Promise<TelemetryStatus>;
}

export async function startTelemetryApp(
  telemetry: Partial<TelemetrySettings> = {},
): Promise<TelemetryApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pw-telemetry-'));
  const store = new SettingsStore(dataDir);
  await store.load();
  const port = await freePort();
  await store.update({
    server: { port: await freePort() },
    telemetry: { enabled: true, host: '127.0.0.1', port, ...telemetry },
  });
  const app = await startHeadless(dataDir);
  const status = (): Promise<TelemetryStatus> => app.call<TelemetryStatus>('getTelemetryStatus');
  // The receiver starts beside the console; bounded wait for it to listen.
  for (let i = 0; i < 100 && !(await status()).listening; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    app,
    dataDir,
    endpoint: `http://127.0.0.1:${port}`,
    token: async () => (await readFile(join(dataDir, 'secrets', 'server-token'), 'utf8')).trim(),
    status,
  };
}
