import { describe, expect, it } from 'vitest';
import type { ScrapeTarget, ServerStatus, SourceStatus, StackStatus } from '../../../shared/api';
import { nextStep, type NextStepInput } from './next-step';

const server: ServerStatus = {
  listening: true,
  url: 'http://127.0.0.1:8000',
  host: '127.0.0.1',
  port: 8000,
  enabled: true,
  strict: false,
  promClientAvailable: true,
  promClientVersion: '15.1.3',
  requestsServed: 12,
  startedAt: '2026-01-17T12:00:00Z',
  requiresToken: false,
  error: null,
  portHolder: null,
};

const stack = (
  state: StackStatus['services'][number]['state'],
  busy: StackStatus['busy'] = null,
): StackStatus => ({
  runtime: 'docker',
  driver: 'docker compose',
  project: 'peak-watch-0123abcd',
  services: [
    { name: 'prometheus', state, exitCode: null, url: 'http://127.0.0.1:9091', detail: null },
    { name: 'grafana', state, exitCode: null, url: 'http://127.0.0.1:3000', detail: null },
  ],
  filesDir: '/data/stack',
  busy,
  busyBy: null,
  canStart: { ok: true, reason: null, fix: null, nativeAvailable: false },
  lastError: null,
});

const blocked = (nativeAvailable: boolean): StackStatus => ({
  ...stack('unavailable'),
  canStart: {
    ok: false,
    reason: 'The Docker engine is not reachable: Cannot connect to the Docker daemon',
    fix: 'Start Docker.',
    nativeAvailable,
  },
});

const target: ScrapeTarget = {
  job: 'peak_trade_web',
  instance: '127.0.0.1:8000',
  scrapeUrl: 'http://127.0.0.1:8000/metrics',
  health: 'up',
  lastScrape: '2026-01-17T12:00:00Z',
  lastScrapeDurationSeconds: 0.003,
  lastError: '',
  labels: {},
};

const ok: NextStepInput = {
  server,
  job: 'peak_trade_web',
  stack: stack('running'),
  target,
  targetsError: null,
};

describe('nextStep', () => {
  it('waits until server and stack are known', () => {
    expect(nextStep({ ...ok, server: null })).toBeNull();
  });

  it('starts with a server that is not listening', () => {
    const step = nextStep({
      ...ok,
      server: { ...server, listening: false, error: 'port 8000 is taken by pid 42' },
    });
    expect(step).toMatchObject({
      tone: 'error',
      detail: 'port 8000 is taken by pid 42',
      action: 'open-settings',
    });
  });

  it('asks to start the stack when Prometheus is not running', () => {
    expect(nextStep({ ...ok, stack: stack('stopped') })).toMatchObject({
      title: 'Prometheus is not running — Start stack',
      action: 'start-stack',
    });
  });

  it('sends to Preflight when the core says Start cannot work', () => {
    const step = nextStep({ ...ok, stack: blocked(false) });
    expect(step).toMatchObject({
      tone: 'error',
      action: 'open-preflight',
      detail: 'Start Docker.',
    });
    expect(step?.title).toMatch(/Docker engine is not reachable/);
  });

  it('offers the native runtime in one click when Docker cannot work but prometheus is there', () => {
    const step = nextStep({ ...ok, stack: blocked(true) });
    expect(step).toMatchObject({ action: 'use-native-runtime' });
    expect(step?.title).toMatch(/use the native runtime/);
    expect(step?.detail).toMatch(/Docker engine is not reachable/);
  });

  it('says the stack is busy while it starts', () => {
    expect(nextStep({ ...ok, stack: stack('starting', 'starting') })?.title).toBe(
      'The stack is starting…',
    );
  });

  it('asks to enable instrumentation', () => {
    expect(nextStep({ ...ok, server: { ...server, enabled: false } })?.title).toBe(
      'Instrumentation is off — enable it in Settings',
    );
  });

  it('names a down target by its error', () => {
    expect(
      nextStep({ ...ok, target: { ...target, health: 'down', lastError: 'connection refused' } })
        ?.title,
    ).toBe('Target is down: connection refused');
  });

  it('reports Prometheus not answering, a missing target and a pending first scrape', () => {
    expect(
      nextStep({
        ...ok,
        targetsError: { code: 'prometheus-unreachable', message: 'ECONNREFUSED', fix: 'Start it' },
      }),
    ).toMatchObject({ tone: 'error', detail: 'Start it' });
    expect(nextStep({ ...ok, target: null })?.action).toBe('open-targets');
    expect(nextStep({ ...ok, target: { ...target, health: 'unknown' } })?.tone).toBe('info');
  });

  it('is happy when everything is up', () => {
    expect(nextStep(ok)).toMatchObject({ tone: 'ok', action: 'open-dashboard' });
  });

  describe('with an existing source', () => {
    const cap = { available: true, note: '' };
    const source: SourceStatus = {
      kind: 'existing',
      url: 'http://127.0.0.1:9090',
      uiUrl: null,
      auth: 'basic auth as alice',
      authKind: 'basic',
      user: 'alice',
      caFile: '',
      skipTlsVerify: false,
      health: 'up',
      error: null,
      product: 'Prometheus 2.42.0',
      capabilities: { targets: cap, rules: cap, metadata: cap, buildinfo: cap, exemplars: cap },
      job: {
        configured: '',
        detected: ['peak_trade_uvicorn'],
        effective: 'peak_trade_uvicorn',
        note: '',
      },
      scrapeIntervalSeconds: 15,
      checkedAt: null,
    };

    it('never asks to start the stack: the source feeds the pages', () => {
      const step = nextStep({ ...ok, stack: stack('stopped'), source });
      expect(step).toMatchObject({ tone: 'ok', action: 'open-dashboard' });
      expect(step?.title).toContain('peak_trade_uvicorn');
    });

    it('names a refused credential with its fix', () => {
      const step = nextStep({
        ...ok,
        source: {
          ...source,
          health: 'unauthorized',
          error: {
            code: 'prometheus-unauthorized',
            message: 'refused alice (HTTP 401)',
            fix: 'Give it again',
          },
        },
      });
      expect(step).toMatchObject({
        tone: 'error',
        action: 'open-settings',
        detail: 'Give it again',
      });
      expect(step?.title).toContain('refused alice (HTTP 401)');
    });

    it('asks for the job when the source carries no peak_trade_* metrics', () => {
      const step = nextStep({
        ...ok,
        source: {
          ...source,
          job: { ...source.job, detected: [], effective: '', note: 'none found.' },
        },
      });
      expect(step).toMatchObject({ tone: 'warn', action: 'open-settings' });
    });
  });
});

describe('nextStep names the job the managed stack scrapes', () => {
  it('with source.job peak_trade_uvicorn: no such target, and waiting for its first scrape', () => {
    expect(nextStep({ ...ok, job: 'peak_trade_uvicorn', target: null })?.title).toBe(
      'Prometheus has no peak_trade_uvicorn target',
    );
    expect(
      nextStep({
        ...ok,
        job: 'peak_trade_uvicorn',
        target: { ...target, job: 'peak_trade_uvicorn', health: 'unknown' },
      })?.title,
    ).toBe("Waiting for Prometheus's first scrape of peak_trade_uvicorn");
  });
});
