// Compose progress lines, recorded from compose v1 and constructed for v2 (fixtures/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StackProgress } from '../../../../shared/api';
import { parseProgressLine, serviceOfContainer } from './progress';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** Lines as runCommand's line listeners deliver them. */
const progressOf = (name: string, images?: Record<string, 'prometheus' | 'grafana'>) =>
  fixture(name)
    .split(/\r?\n|\r/)
    .map((l) => parseProgressLine(l, { project: 'peak-watch', ...(images ? { images } : {}) }))
    .filter((p): p is StackProgress => p !== null);

const phases = (events: StackProgress[]) => events.map((e) => `${e.service}:${e.phase}`);

describe('progress lines', () => {
  it('turns compose v1 `up` into creating then started per service', () => {
    const events = progressOf('v1-up-created.stderr.txt');
    expect(phases(events)).toEqual([
      'grafana:creating',
      'prometheus:creating',
      'grafana:started',
      'prometheus:started',
    ]);
    expect(events[3]?.message).toBe('Creating peak-watch_prometheus_1 ... done');
  });

  it('reports an up-to-date v1 service as started', () => {
    expect(phases(progressOf('v1-up-up-to-date.stderr.txt'))).toEqual([
      'grafana:started',
      'prometheus:started',
    ]);
  });

  it('reports a v1 service that could not start as failed, with the reason', () => {
    const events = progressOf('v1-up-start-failed.stderr.txt');
    expect(phases(events)).toEqual([
      'grafana:creating',
      'prometheus:creating',
      'grafana:started',
      'prometheus:failed',
      'prometheus:failed',
      'prometheus:failed',
    ]);
    expect(events[4]?.message).toContain('Cannot start service prometheus');
  });

  it('reports a v1 pull as pulling', () => {
    expect(phases(progressOf('v1-up-pull-impossible.stderr.txt'))).toEqual(['grafana:pulling']);
  });

  it('turns compose v1 `down` into stopping then stopped', () => {
    expect(phases(progressOf('v1-down.stderr.txt'))).toEqual([
      'grafana:stopping',
      'prometheus:stopping',
      'prometheus:stopped',
      'grafana:stopped',
      'grafana:stopping',
      'prometheus:stopping',
      'prometheus:stopped',
      'grafana:stopped',
    ]);
  });

  it('turns compose v2 `up` into creating, starting, started and ignores volumes', () => {
    expect(phases(progressOf('v2-up.constructed.stderr.txt'))).toEqual([
      'prometheus:creating',
      'prometheus:creating',
      'grafana:creating',
      'grafana:creating',
      'prometheus:starting',
      'prometheus:started',
      'grafana:starting',
      'grafana:started',
    ]);
  });

  it('turns a compose v2 pull failure into pulling then failed', () => {
    expect(phases(progressOf('v2-up-pull-impossible.constructed.stderr.txt'))).toEqual([
      'grafana:pulling',
      'grafana:failed',
    ]);
  });

  it('turns compose v2 `down` into stopping and stopped', () => {
    const p = phases(progressOf('v2-down.constructed.stderr.txt'));
    expect(p.filter((x) => x.endsWith('stopped'))).toHaveLength(4);
    expect(p[0]).toBe('grafana:stopping');
  });

  it('maps newer compose v2 image pull events to the service through its image', () => {
    const ctx = { project: 'peak-watch', images: { 'grafana/grafana:12.3.1': 'grafana' as const } };
    expect(parseProgressLine(' Image grafana/grafana:12.3.1 Pulling ', ctx)).toMatchObject({
      service: 'grafana',
      phase: 'pulling',
    });
  });

  it('ignores lines about other things', () => {
    const ctx = { project: 'peak-watch' };
    for (const line of [
      '',
      'Creating volume "peak-watch_prometheus-data" with default driver',
      ' Network peak-watch_default  Creating',
      ' 4f4fb700ef54 Pulling fs layer ',
      ' Container other-project-redis-1  Started',
      'Encountered errors while bringing up the project.',
    ]) {
      expect(parseProgressLine(line, ctx)).toBeNull();
    }
  });
});

describe('serviceOfContainer', () => {
  it('knows v1 and v2 names, a unique project suffix and custom names', () => {
    expect(serviceOfContainer('peak-watch_prometheus_1', 'peak-watch')).toBe('prometheus');
    expect(serviceOfContainer('/peak-watch-grafana-1', 'peak-watch')).toBe('grafana');
    expect(serviceOfContainer('peak-watch-test-1a2b_grafana_1', 'peak-watch-test-1a2b')).toBe(
      'grafana',
    );
    expect(serviceOfContainer('peak-watch-prometheus', 'peak-watch')).toBe('prometheus');
    expect(serviceOfContainer('someone-else_redis_1', 'peak-watch')).toBeNull();
  });
});
