// The CLI readers on output recorded from the real tools (fixtures/README.md says which and how).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  crashReason,
  failureReason,
  imagesInComposeFile,
  isEngineUnreachable,
  isPermissionDenied,
  mergeTimestampedLogs,
  parseComposeVersion,
  parseEngineVersion,
  parseInspectLines,
  pickContainer,
  serviceStatusOf,
  withoutTraceback,
} from './parse';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('compose and engine versions', () => {
  it('reads compose v1 from `docker-compose version`', () => {
    expect(parseComposeVersion(fixture('v1-version.stdout.txt'))).toEqual({
      major: 1,
      version: '1.29.2',
    });
  });

  it('reads compose v2 from `docker compose version`, with or without the v', () => {
    expect(parseComposeVersion(fixture('v2-version.constructed.stdout.txt'))).toEqual({
      major: 2,
      version: '2.29.7',
    });
    expect(parseComposeVersion('Docker Compose version 2.24.6+ds1-0ubuntu1~22.04.1\n')).toEqual({
      major: 2,
      version: '2.24.6+ds1-0ubuntu1~22.04.1',
    });
    expect(parseComposeVersion('2.29.7\n')).toMatchObject({ major: 2 });
  });

  it('finds no compose in what a docker CLI without the plugin prints', () => {
    expect(
      parseComposeVersion(fixture('docker28-compose-version-no-plugin.stderr.txt')),
    ).toBeNull();
    expect(
      parseComposeVersion(fixture('docker20-compose-version-no-plugin.stderr.txt')),
    ).toBeNull();
  });

  it('reads the engine version from `docker version --format {{json .Server}}`', () => {
    expect(parseEngineVersion(fixture('docker-version-server.stdout.txt'))).toEqual({
      version: '20.10.24+dfsg1',
      apiVersion: '1.41',
      os: 'linux',
      arch: 'amd64',
    });
    expect(parseEngineVersion(fixture('docker-version-unreachable.stdout.txt'))).toBeNull();
    expect(parseEngineVersion('not json')).toBeNull();
  });

  it('recognises an engine that does not answer, and a socket without permission', () => {
    expect(isEngineUnreachable(fixture('docker-version-unreachable.stderr.txt'))).toBe(true);
    const denied =
      'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/version": dial unix /var/run/docker.sock: connect: permission denied';
    expect(isEngineUnreachable(denied)).toBe(true);
    expect(isPermissionDenied(denied)).toBe(true);
    expect(isEngineUnreachable(fixture('v1-up-start-failed.stderr.txt'))).toBe(false);
  });

  it("keeps only the last line of compose v1's Python traceback", () => {
    const tb =
      'Traceback (most recent call last):\n  File "/usr/bin/docker-compose", line 33\n' +
      "docker.errors.DockerException: Error while fetching server API version: ('Connection aborted.', FileNotFoundError(2, 'No such file or directory'))\n";
    expect(withoutTraceback(tb)).toMatch(/^docker\.errors\.DockerException: Error while fetching/);
    expect(isEngineUnreachable(tb)).toBe(true);
  });
});

describe('container state', () => {
  it('reads both running services from docker inspect', () => {
    const all = parseInspectLines(fixture('inspect-running.stdout.jsonl'));
    expect(all.map((c) => [c.service, c.status, c.project])).toEqual(
      expect.arrayContaining([
        ['prometheus', 'running', 'peak-watch'],
        ['grafana', 'running', 'peak-watch'],
      ]),
    );
    const prom = pickContainer(all, 'prometheus');
    expect(serviceStatusOf('prometheus', prom, 'http://127.0.0.1:9091')).toEqual({
      name: 'prometheus',
      state: 'running',
      exitCode: null,
      url: 'http://127.0.0.1:9091',
      detail: null,
    });
  });

  it('shows a service that could not start as exited with the runtime error', () => {
    const all = parseInspectLines(fixture('inspect-start-failed.stdout.jsonl'));
    const s = serviceStatusOf('prometheus', pickContainer(all, 'prometheus'), '');
    expect(s.state).toBe('exited');
    expect(s.exitCode).toBe(127);
    expect(s.detail).toContain('/bin/does-not-exist');
    expect(serviceStatusOf('grafana', pickContainer(all, 'grafana'), '').state).toBe('running');
  });

  it('shows an exited service with its exit code and a crash-looping one as restarting', () => {
    const all = parseInspectLines(fixture('inspect-exited-restarting.stdout.jsonl'));
    expect(serviceStatusOf('prometheus', pickContainer(all, 'prometheus'), '')).toMatchObject({
      state: 'exited',
      exitCode: 1,
      detail: 'exited with code 1',
    });
    const g = serviceStatusOf('grafana', pickContainer(all, 'grafana'), '');
    expect(g.state).toBe('restarting');
    expect(g.detail).toMatch(/restarting after exit code 1 \(\d+ restarts\)/);
  });

  it('shows a service without a container as stopped', () => {
    expect(parseInspectLines('')).toEqual([]);
    expect(serviceStatusOf('grafana', null, 'http://127.0.0.1:3000')).toMatchObject({
      state: 'stopped',
      exitCode: null,
    });
  });

  it('prefers the live container of a service over an older or newer dead one', () => {
    const [prom] = parseInspectLines(fixture('inspect-running.stdout.jsonl')).filter(
      (c) => c.service === 'prometheus',
    );
    if (!prom) throw new Error('fixture lacks prometheus');
    const dead = { ...prom, name: 'old', status: 'exited', created: '2099-01-01T00:00:00Z' };
    expect(pickContainer([dead, prom], 'prometheus')?.name).toBe(prom.name);
    expect(pickContainer([dead], 'prometheus')?.name).toBe('old');
  });

  it('reads health states and skips lines that are not inspect JSON', () => {
    const line = JSON.stringify({
      name: '/x',
      created: '',
      restartCount: 0,
      labels: { 'com.docker.compose.service': 'grafana' },
      state: { Status: 'running', ExitCode: 0, Health: { Status: 'starting' } },
    });
    const all = parseInspectLines(`Error: No such object: abc\n${line}\n{broken`);
    expect(all).toHaveLength(1);
    expect(serviceStatusOf('grafana', all[0] ?? null, '').state).toBe('starting');
  });
});

describe('logs', () => {
  it("merges a container's stdout and stderr in time order without docker's stamps", () => {
    const lines = mergeTimestampedLogs(
      fixture('logs-prometheus.stdout.txt'),
      fixture('logs-prometheus.stderr.txt'),
      5,
    );
    expect(lines).toHaveLength(5);
    expect(lines.every((l) => l.startsWith('ts='))).toBe(true);
    expect(lines.at(-2)).toContain('Server is ready to receive web requests.');
    expect(lines.at(-1)).toContain('Starting rule manager');
    const grafana = mergeTimestampedLogs(
      fixture('logs-grafana.stdout.txt'),
      fixture('logs-grafana.stderr.txt'),
      5,
    );
    expect(grafana).toEqual([expect.stringContaining('Grafana stand-in listening')]);
  });

  it('orders stamps with trimmed nanoseconds correctly', () => {
    const out = '2026-01-01T00:00:00.5Z second\n2026-01-01T00:00:01Z fourth\n';
    const err = '2026-01-01T00:00:00.123456789Z first\n2026-01-01T00:00:00.9Z third\n';
    expect(mergeTimestampedLogs(out, err, 10)).toEqual(['first', 'second', 'third', 'fourth']);
  });

  it('finds why a service whose port was taken stopped, in Prometheus and stand-in logs', () => {
    const prom = mergeTimestampedLogs(
      fixture('logs-prometheus-port-taken.stdout.txt'),
      fixture('logs-prometheus-port-taken.stderr.txt'),
      30,
    );
    expect(crashReason(prom)).toMatch(
      /msg="Unable to start web listener".*bind: address already in use/,
    );
    const grafana = mergeTimestampedLogs(
      fixture('logs-grafana-port-taken.stdout.txt'),
      fixture('logs-grafana-port-taken.stderr.txt'),
      30,
    );
    expect(crashReason(grafana)).toMatch(/EADDRINUSE: address already in use 127\.0\.0\.1:\d+/);
    expect(crashReason(['level=info msg="all good"'])).toBeNull();
  });
});

describe('compose file and failures', () => {
  it('lists the images of a compose file, quoted or not', () => {
    const yaml =
      'services:\n  prometheus:\n    image: "prom/prometheus:v3.5.0"\n  grafana:\n    image: grafana/grafana:12.3.1 # pinned\n';
    expect(imagesInComposeFile(yaml)).toEqual(['prom/prometheus:v3.5.0', 'grafana/grafana:12.3.1']);
  });

  it('picks the telling line of a failed up', () => {
    expect(failureReason(fixture('v1-up-pull-impossible.stderr.txt'))).toMatch(
      /^Get "https:\/\/registry-1\.docker\.io\/v2\/": dial tcp: lookup .* no such host$/,
    );
    expect(failureReason(fixture('v1-up-start-failed.stderr.txt'))).toMatch(
      /^Cannot start service prometheus: .*no such file or directory/,
    );
    expect(failureReason(fixture('v2-up-pull-impossible.constructed.stderr.txt'))).toMatch(
      /^Error response from daemon: Get/,
    );
  });
});
