// Request tracing follows settings.telemetry live, through the one settings applier: on, moved
// to another receiver, off — each applied at once, the old exporter flushed before it goes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleCore } from '../console';
import { attr, startRecordingEndpoint, type RecordingEndpoint } from './recording-endpoint';

let core: ConsoleCore | null = null;
let dataDir = '';
const endpoints: RecordingEndpoint[] = [];

afterEach(async () => {
  await core?.close();
  core = null;
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function endpoint(): Promise<RecordingEndpoint> {
  const e = await startRecordingEndpoint();
  endpoints.push(e);
  return e;
}

const routesAt = (e: RecordingEndpoint): unknown[] =>
  e.spans().map((s) => attr(s.attributes, 'http.route'));

describe('request tracing follows settings.telemetry', () => {
  it('starts, moves and stops with a settings change, flushing each exporter it retires', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pw-trace-live-'));
    const first = await endpoint();
    const second = await endpoint();
    core = await createConsole({
      dataDir,
      metricsPort: 0,
      watchStack: false,
      env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
    });
    const base = core.server().status().url;

    await fetch(`${base}/health`); // off: nothing exported
    const on = await core.api.updateSettings({
      telemetry: { enabled: true, instrument: true, port: first.port },
    });
    expect(on.applied).toContain(`request tracing to ${first.baseUrl}`);
    await fetch(`${base}/api/routes`);

    const moved = await core.api.updateSettings({ telemetry: { port: second.port } });
    expect(moved.applied).toContain(`request tracing to ${second.baseUrl}`);
    // The retired exporter was flushed before the move returned.
    expect(routesAt(first)).toEqual(['/api/routes']);
    await fetch(`${base}/api/runs`);

    const off = await core.api.updateSettings({ telemetry: { instrument: false } });
    expect(off.applied).toContain('request tracing off');
    expect(routesAt(second)).toEqual(['/api/runs']);
    const connectionsWhenOff = first.connections() + second.connections();
    await fetch(`${base}/api/status`);
    await core.close(); // would flush an exporter, were there one
    core = null;
    expect(first.connections() + second.connections()).toBe(connectionsWhenOff);
    expect([...routesAt(first), ...routesAt(second)]).not.toContain('/api/status');
    expect([...routesAt(first), ...routesAt(second)]).not.toContain('/health');
  });
});
