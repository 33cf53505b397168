// What the native runtime says about itself: which prometheus it would run (and its version), and
// how a service that is not running got there (stopped, exited with its last words, a stale
// state file, or unavailable with why).
import { ConsoleError, type ServiceName, type ServiceStatus } from '../../../shared/api';
import { runCommand } from '../exec';
import { locateBinary, parseVersion } from './native-binaries';
import { PROMETHEUS_MISSING_FIX, prometheusMissing } from './native-errors';
import type { NativeProcess } from './native-process';

/** 'prometheus 2.42.0' for the configured binary or the one on PATH, else a ConsoleError. */
export async function detectPrometheus(
  configured: string,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
): Promise<string> {
  const lookup = locateBinary(configured, ['prometheus'], env);
  if (!lookup.found) throw prometheusMissing(lookup.why);
  let output: string;
  try {
    const r = await runCommand(lookup.path, ['--version'], { timeoutMs: 10_000, signal, env });
    output = r.stdout + r.stderr;
  } catch (err) {
    throw new ConsoleError({
      code: 'prometheus-unusable',
      message: `${lookup.path} --version failed: ${(err as Error).message}`,
      fix: PROMETHEUS_MISSING_FIX,
    });
  }
  const version = parseVersion(output);
  if (!version || !/prometheus/i.test(output)) {
    throw new ConsoleError({
      code: 'prometheus-unusable',
      message: `${lookup.path} does not look like Prometheus: ${output.trim().slice(0, 200)}`,
      fix: PROMETHEUS_MISSING_FIX,
    });
  }
  return `prometheus ${version}`;
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
