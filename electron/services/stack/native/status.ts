// What the native runtime says about itself: which prometheus it would run (and its version), and
// how a service that is not running got there (stopped, exited with its last words, a stale
// state file, or unavailable with why).
import { basename } from 'node:path';
import { ConsoleError, type ServiceName, type ServiceStatus } from '../../../../shared/api';
import { runCommand } from '../../exec';
import type { BasicAuth } from '../../prometheus';
import { grafanaReady } from './grafana';
import { locateBinary, parseVersion } from './binaries';
import { PROMETHEUS_MISSING_FIX, prometheusMissing } from './errors';
import type { NativeProcess } from './process';

/** A binary the native runtime would run: where it is and the version it says. */
export interface FoundBinary {
  path: string;
  version: string;
}

/** The configured prometheus or the one on PATH, with its version, else a ConsoleError. */
export async function findPrometheus(
  configured: string,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<FoundBinary> {
  const lookup = locateBinary(configured, ['prometheus'], env);
  if (!lookup.found) throw prometheusMissing(lookup.why);
  const unusable = (message: string): ConsoleError =>
    new ConsoleError({ code: 'prometheus-unusable', message, fix: PROMETHEUS_MISSING_FIX });
  const output = await versionOutput(lookup.path, ['--version'], env, signal, unusable);
  const version = parseVersion(output);
  if (!version || !/prometheus/i.test(output)) {
    throw unusable(`${lookup.path} does not look like Prometheus: ${output.trim().slice(0, 200)}`);
  }
  return { path: lookup.path, version };
}

/** 'prometheus 2.42.0' for the configured binary or the one on PATH, else a ConsoleError. */
export async function detectPrometheus(
  configured: string,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<string> {
  return `prometheus ${(await findPrometheus(configured, env, signal)).version}`;
}

export const GRAFANA_MISSING_FIX =
  'Choose the Docker runtime in Settings (Grafana runs in a container), or install Grafana and set Settings → Grafana binary. The panels in Peak Watch need only Prometheus.';

/** The configured grafana (or grafana-server, before 9.4) or the one on PATH, with its version. */
export async function findGrafana(
  configured: string,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<FoundBinary> {
  const lookup = locateBinary(configured, ['grafana', 'grafana-server'], env);
  if (!lookup.found) {
    throw new ConsoleError({
      code: 'grafana-missing',
      message: `not found — Grafana needs Docker here (${lookup.why})`,
      fix: GRAFANA_MISSING_FIX,
    });
  }
  const unusable = (message: string): ConsoleError =>
    new ConsoleError({ code: 'grafana-unusable', message, fix: GRAFANA_MISSING_FIX });
  // `grafana --version`; the old grafana-server knows only -v.
  const args = basename(lookup.path).startsWith('grafana-server') ? ['-v'] : ['--version'];
  const output = await versionOutput(lookup.path, args, env, signal, unusable);
  const version = parseVersion(output);
  if (!version) {
    throw unusable(`${lookup.path} does not look like Grafana: ${output.trim().slice(0, 200)}`);
  }
  return { path: lookup.path, version };
}

async function versionOutput(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  signal: AbortSignal | undefined,
  unusable: (message: string) => ConsoleError,
): Promise<string> {
  try {
    const r = await runCommand(file, args, { timeoutMs: 10_000, signal, env });
    return r.stdout + r.stderr;
  } catch (err) {
    throw unusable(`${file} ${args.join(' ')} failed: ${(err as Error).message}`);
  }
}

/** The status of a service with no live process of ours. */
export async function stoppedStatus(
  proc: NativeProcess,
  svc: { name: ServiceName; url: string; unavailable: string | null },
  logs: () => Promise<string[]>,
): Promise<ServiceStatus> {
  const { name, url, unavailable } = svc;
  if (unavailable) return { name, state: 'unavailable', exitCode: null, url, detail: unavailable };
  const exit = proc.exit;
  if (!exit || exit.stoppedByUs) {
    const stale = await proc.staleRecord();
    const detail = stale
      ? `not running (pid ${stale.pid} in ${proc.stateFile} is not ours any more)`
      : null;
    return { name, state: 'stopped', exitCode: exit?.code ?? null, url, detail };
  }
  const how =
    exit.spawnError ??
    (exit.signal
      ? `killed by ${exit.signal}`
      : exit.code === null
        ? 'ended'
        : `exited with code ${exit.code}`);
  // Its last words explain an exit only when they are an error or a warning ("err=… bind:
  // address already in use"); an info line before a kill ("Starting rule manager…") is noise.
  const last = (await logs())
    .filter((line) => !line.startsWith('--- peak-watch'))
    .reverse()
    .find((line) => !/\blevel=(info|debug)\b/.test(line));
  return {
    name,
    state: 'exited',
    exitCode: exit.code,
    url,
    detail: last ? `${how}: ${last}` : how,
  };
}

/** Why a live service does not answer its readiness endpoint; null when it is ready. */
export async function readinessProblem(
  name: ServiceName,
  url: string,
  auth: BasicAuth | null = null,
): Promise<string | null> {
  if (name === 'grafana') {
    return grafanaReady(url).then(
      (ok) => (ok ? null : `${url}/api/health says its database is not ok`),
      (err: unknown) => (err as Error).message,
    );
  }
  try {
    // The managed Prometheus answers even /-/ready only with its credentials.
    const headers: Record<string, string> = auth
      ? {
          authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`,
        }
      : {};
    const res = await fetch(`${url}/-/ready`, { headers, signal: AbortSignal.timeout(2_000) });
    await res.body?.cancel();
    if (res.status === 401) return `${url}/-/ready refused Peak Watch's credentials (HTTP 401)`;
    return res.ok ? null : `${url}/-/ready answered ${res.status}`;
  } catch (err) {
    const e = err as Error;
    return e.name === 'TimeoutError'
      ? `${url}/-/ready did not answer within 2 s`
      : `${url}/-/ready: ${e.message}`;
  }
}
