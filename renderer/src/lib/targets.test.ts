import { describe, expect, it } from 'vitest';
import type { ScrapeTarget } from '../../../shared/api';
import { countByHealth, filterTargets, findAppTarget, groupByJob } from './targets';

const target = (job: string, instance: string, health: ScrapeTarget['health']): ScrapeTarget => ({
  job,
  instance,
  scrapeUrl: `http://${instance}/metrics`,
  health,
  lastScrape: '2026-01-17T12:00:00Z',
  lastScrapeDurationSeconds: 0.01,
  lastError: health === 'down' ? 'connection refused' : '',
  labels: { job, instance },
});

const targets = [
  target('node', '127.0.0.1:9100', 'up'),
  target('peak_trade_web', '127.0.0.1:8000', 'up'),
  target('peak_trade_web', '127.0.0.1:8001', 'down'),
  target('blackbox', '127.0.0.1:9115', 'unknown'),
];

describe('targets', () => {
  it('finds the app target, preferring one that is down', () => {
    expect(findAppTarget(targets, 'peak_trade_web')?.instance).toBe('127.0.0.1:8001');
    expect(findAppTarget([targets[1]!], 'peak_trade_web')?.instance).toBe('127.0.0.1:8000');
    expect(findAppTarget([targets[0]!], 'peak_trade_web')).toBeNull();
  });

  it('filters by health and sorts by job, down first', () => {
    expect(filterTargets(targets, 'all').map((t) => `${t.job} ${t.health}`)).toEqual([
      'blackbox unknown',
      'node up',
      'peak_trade_web down',
      'peak_trade_web up',
    ]);
    expect(filterTargets(targets, 'down').map((t) => t.instance)).toEqual(['127.0.0.1:8001']);
    expect(filterTargets(targets, 'unknown')).toHaveLength(1);
  });

  it('counts by health', () => {
    expect(countByHealth(targets)).toEqual({ all: 4, up: 2, down: 1, unknown: 1 });
  });

  it('finds the app target under the job the source carries', () => {
    const uvicorn = target('peak_trade_uvicorn', '127.0.0.1:8000', 'up');
    expect(findAppTarget([...targets, uvicorn], 'peak_trade_uvicorn')).toBe(uvicorn);
  });

  it('groups by job, the app job first, counting the up ones', () => {
    const groups = groupByJob(targets, 'peak_trade_web');
    expect(groups.map((g) => [g.job, g.targets.length, g.up])).toEqual([
      ['peak_trade_web', 2, 1],
      ['blackbox', 1, 0],
      ['node', 1, 1],
    ]);
  });
});
