// peak-watch traces / logs (the built CLI, a real child process) reading what the running app
// (the build, `peak-watch headless`) keeps: spans and log records posted to its receiver are
// found by route, minimum duration and trace id; a receiver that is off or not running is a
// clear error naming the fix.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceSummary } from '../shared/contract/telemetry';
import { peakWatch } from './clients-testing';
import { freePort } from './services/prometheus/testing';
import { startTelemetryApp, type TelemetryApp } from './services/telemetry/testing';

let t: TelemetryApp;
const SLOW = 'a1'.repeat(16);
const FAST = 'b2'.repeat(16);

function serverSpan(traceId: string, route: string, ms: number): object {
  const start = 1_700_000_000_000_000_000n;
  return {
    traceId,
    spanId: '0102030405060708',
    name: `GET ${route}`,
    kind: 2,
    startTimeUnixNano: String(start),
    endTimeUnixNano: String(start + BigInt(ms) * 1_000_000n),
    attributes: [
      { key: 'http.route', value: { stringValue: route } },
      { key: 'http.request.method', value: { stringValue: 'GET' } },
      { key: 'http.response.status_code', value: { intValue: '200' } },
    ],
  };
}

beforeAll(async () => {
  t = await startTelemetryApp();
  const post = (path: string, body: object) =>
    fetch(`${t.endpoint}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const traces = await post('/v1/traces', {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }] },
        scopeSpans: [
          {
            spans: [
              serverSpan(SLOW, '/api/orders/{id}', 900),
              serverSpan(FAST, '/api/orders/{id}', 3),
            ],
          },
        ],
      },
    ],
  });
  expect(traces.status).toBe(200);
  const logs = await post('/v1/logs', {
    resourceLogs: [
      {
        scopeLogs: [
          {
            logRecords: [
              {
                severityNumber: 17,
                body: { stringValue: 'order lookup timed out' },
                traceId: SLOW,
              },
              { severityNumber: 9, body: { stringValue: 'order served' }, traceId: FAST },
            ],
          },
        ],
      },
    ],
  });
  expect(logs.status).toBe(200);
});
afterAll(() => t?.app.kill());

describe('peak-watch traces', () => {
  it('lists the slow request by route and minimum duration', () => {
    const r = peakWatch([
      'traces',
      '--route',
      '/api/orders/{id}',
      '--min-ms',
      '500',
      '--json',
      '--data-dir',
      t.dataDir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const found = JSON.parse(r.stdout) as TraceSummary[];
    expect(found.map((x) => x.traceId)).toEqual([SLOW]);
    expect(found[0]).toMatchObject({
      route: '/api/orders/{id}',
      method: 'GET',
      statusCode: 200,
      logCount: 1,
    });
    const table = peakWatch(['traces', '--data-dir', t.dataDir]);
    expect(table.stdout).toMatch(/^START +DURATION +STATUS +ROUTE/);
    expect(table.stdout).toContain(SLOW);
    expect(table.stdout).toContain(FAST);
  });

  it('refuses a bad flag value before asking (exit 2)', () => {
    const r = peakWatch(['traces', '--status', 'teapot', '--data-dir', t.dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--status teapot is not one of ok, error/);
  });
});

describe('peak-watch logs', () => {
  it('shows the log records of one trace, and filters by level and text', () => {
    const r = peakWatch(['logs', '--trace', SLOW, '--data-dir', t.dataDir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ERROR .*order lookup timed out {2}trace=a1a1/);
    expect(r.stdout).not.toMatch(/order served/);
    const info = peakWatch([
      'logs',
      '--level',
      'warn',
      '--text',
      'SERVED',
      '--data-dir',
      t.dataDir,
    ]);
    expect(info.stdout).toMatch(/No kept log record matches/);
  });
});

describe('when there is nothing to read', () => {
  it('says how to turn the receiver on when it is off', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-cli-telemetry-'));
    const r = peakWatch(['traces', '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/OTLP receiver is off/);
    expect(r.stderr).toMatch(/peak-watch settings set telemetry\.enabled true/);
  });

  it('says to start the app when nothing listens', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-cli-telemetry-'));
    const port = String(await freePort());
    expect(peakWatch(['settings', 'set', 'telemetry.port', port, '--data-dir', dir]).code).toBe(0);
    expect(
      peakWatch(['settings', 'set', 'telemetry.enabled', 'true', '--data-dir', dir]).code,
    ).toBe(0);
    const r = peakWatch(['logs', '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`Nothing answers at http://127\\.0\\.0\\.1:${port}`));
    expect(r.stderr).toMatch(/peak-watch headless/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
