// PrometheusClient against a real Prometheus (Debian's /usr/bin/prometheus) on a free port.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusClient } from './client';
import {
  PROMETHEUS_BIN,
  freePort,
  rejection,
  requireBinary,
  skipWithout,
  startTestPrometheus,
  waitFor,
  type TestPrometheus,
} from './testing';

function config(closedPort: number, selfPort: number): string {
  return [
    'global:',
    '  scrape_interval: 1s',
    'scrape_configs:',
    '  - job_name: "self"',
    `    static_configs: [{ targets: ["127.0.0.1:${selfPort}"] }]`,
    '  - job_name: "closed"',
    `    static_configs: [{ targets: ["127.0.0.1:${closedPort}"] }]`,
  ].join('\n');
}

describe.skipIf(skipWithout(PROMETHEUS_BIN))('PrometheusClient against a real Prometheus', () => {
  let prom: TestPrometheus;
  let client: PrometheusClient;
  let closedPort = 0;

  beforeAll(async () => {
    requireBinary(PROMETHEUS_BIN);
    closedPort = await freePort();
    // Prometheus scrapes itself: the port is only known once it runs, so reload with the real one.
    prom = await startTestPrometheus(config(closedPort, 1));
    await writeFile(join(prom.dir, 'prometheus.yml'), config(closedPort, prom.port));
    client = new PrometheusClient({ baseUrl: prom.url });
    prom.child.kill('SIGHUP');
    await waitFor('the self target UP', async () => {
      const t = await client.targets();
      return t.some((x) => x.job === 'self' && x.health === 'up') ? t : undefined;
    });
  });

  afterAll(async () => {
    await client?.close();
    await prom?.stop();
  });

  it('says when it is ready and which version it is', async () => {
    expect(await client.ready()).toBe(true);
    expect((await client.buildInfo()).version).toMatch(/^2\.42\.0/);
  });

  it('lists targets with health, job, instance and the scrape error of a down one', async () => {
    const targets = await waitFor('the closed target DOWN', async () => {
      const t = await client.targets();
      return t.find((x) => x.job === 'closed')?.health === 'down' ? t : undefined;
    });
    const self = targets.find((t) => t.job === 'self');
    expect(self).toMatchObject({
      health: 'up',
      instance: `127.0.0.1:${prom.port}`,
      scrapeUrl: `http://127.0.0.1:${prom.port}/metrics`,
      lastError: '',
    });
    expect(self?.lastScrapeDurationSeconds).toBeGreaterThan(0);
    expect(targets.find((t) => t.job === 'closed')?.lastError).toMatch(/connection refused/);
  });

  it('answers instant queries as a vector or a scalar', async () => {
    const up = await client.query('up');
    expect(up.resultType).toBe('vector');
    if (up.resultType !== 'vector') return;
    const byJob = Object.fromEntries(
      up.result.map((s): [string, string] => [s.metric.job ?? '', s.value[1]]),
    );
    expect(byJob).toMatchObject({ self: '1', closed: '0' });
    const now = Math.floor(Date.now() / 1000);
    expect(await client.query('1 + 1', now)).toEqual({ resultType: 'scalar', result: [now, '2'] });
  });

  it('answers range queries in columns: one time axis, one value per time and series', async () => {
    const end = Date.now() / 1000;
    const r = await client.queryRange('up{job="self"}', end - 5, end, 1);
    expect(r.resultType).toBe('matrix');
    expect(r.series).toHaveLength(1);
    expect(r.times.length).toBeGreaterThan(0);
    expect(r.series[0]?.values).toHaveLength(r.times.length);
    expect(r.series[0]?.values).toContain(1);
  });

  it('lists label values, optionally restricted by a selector', async () => {
    expect(await client.labelValues('job')).toEqual(expect.arrayContaining(['self', 'closed']));
    expect(await client.labelValues('job', 'up{job="self"}')).toEqual(['self']);
  });

  it('rejects a label name that is not one, before asking Prometheus', async () => {
    const err = await rejection(client.labelValues('job/../x'));
    expect(err.code).toBe('invalid-request');
  });

  it("reports a bad query with Prometheus's own message", async () => {
    const err = await rejection(client.query('sum(rate(up[5m])'));
    expect(err.code).toBe('prometheus-bad-query');
    expect(err.message).toMatch(/parse error/);
    const tooMany = await rejection(client.queryRange('up', 0, 1_000_000, 1));
    expect(tooMany.code).toBe('prometheus-bad-query');
    expect(tooMany.message).toMatch(/11,000 points/);
  });

  it('answers a range selector in an instant query as a matrix in columns (Explore table)', async () => {
    const r = await client.query('up{job="self"}[1m]');
    expect(r.resultType).toBe('matrix');
    if (r.resultType !== 'matrix') return;
    expect(r.series[0]?.values).toHaveLength(r.times.length);
    expect(await client.query('"hello"')).toMatchObject({ resultType: 'string' });
  });

  it('lists label names, series and metric metadata for autocompletion', async () => {
    expect(await client.labelNames()).toEqual(expect.arrayContaining(['__name__', 'job']));
    expect(await client.labelNames('up{job="self"}')).toEqual(
      expect.arrayContaining(['__name__', 'instance', 'job']),
    );
    const series = await client.series('up');
    expect(series.map((s) => s.job)).toEqual(expect.arrayContaining(['self', 'closed']));
    const meta = await client.metadata();
    expect(Object.keys(meta).length).toBeGreaterThan(0);
    const [name, entries] = Object.entries(meta)[0] ?? [];
    expect(name).toBeTruthy();
    const first = entries?.[0];
    expect([typeof first?.type, typeof first?.help, typeof first?.unit]).toEqual([
      'string',
      'string',
      'string',
    ]);
  });

  it('reads a failed config reload from the metrics Prometheus exposes about itself', async () => {
    const file = join(prom.dir, 'prometheus.yml');
    const before = await client.reloadState();
    expect(before.successful).toBe(true);
    await writeFile(file, 'scrape_configs: [ {job_name: ');
    try {
      prom.child.kill('SIGHUP');
      const after = await waitFor('the reload to fail', async () => {
        const s = await client.reloadState();
        return s.successful ? undefined : s;
      });
      expect(after.lastSuccess).toBe(before.lastSuccess);
    } finally {
      await writeFile(file, config(closedPort, prom.port));
      prom.child.kill('SIGHUP');
      await waitFor('the reload to work again', async () =>
        (await client.reloadState()).successful ? true : undefined,
      );
    }
    expect(await client.loadedConfig()).toMatch(/job_name: closed/);
  });
});

describe('an unreachable Prometheus (closed port)', () => {
  it('is reported as unreachable with "Start the stack"', async () => {
    const port = await freePort();
    const client = new PrometheusClient({ baseUrl: `http://127.0.0.1:${port}` });
    try {
      for (const call of [client.query('up'), client.targets(), client.ready()]) {
        const err = await rejection(call);
        expect(err.code).toBe('prometheus-unreachable');
        expect(err.message).toContain(`127.0.0.1:${port}`);
        expect(err.message).toMatch(/connection refused/);
        expect(err.fix).toMatch(/Start the stack/);
      }
    } finally {
      await client.close();
    }
  });
});
