// The native runtime's errors in the user's words: a missing binary, a taken port, a service that
// exited or never became ready during start-up (with its last log lines and a likely fix).
import { ConsoleError, type ServiceName } from '../../../../shared/api';
import { describeHolder, findPortHolder, isPortFree } from '../../ports';
import type { ExitInfo, ReadyOutcome } from './process';

export const PROMETHEUS_MISSING_FIX =
  'Install Prometheus (Debian/Ubuntu: apt-get install prometheus; macOS: brew install prometheus; ' +
  'or a release from prometheus.io) or set its path in Settings → Prometheus binary — or use the Docker runtime.';
const TAIL_IN_ERRORS = 15;

export function prometheusMissing(why: string): ConsoleError {
  return new ConsoleError({
    code: 'prometheus-missing',
    message: `The native runtime needs a prometheus binary: ${why}.`,
    fix: PROMETHEUS_MISSING_FIX,
  });
}

export async function assertPortFree(
  service: ServiceName,
  port: number,
  fail: (err: ConsoleError) => ConsoleError,
): Promise<void> {
  // Checked first: another server answering on the port would otherwise look like our start-up.
  if (await isPortFree('127.0.0.1', port)) return;
  const holder = describeHolder(await findPortHolder(port));
  throw fail(
    new ConsoleError({
      code: 'port-in-use',
      message: `Port ${port} is taken by ${holder}, so ${service} cannot listen on 127.0.0.1:${port}.`,
      fix: `Stop ${holder}, or choose another ${service === 'prometheus' ? 'Prometheus' : 'Grafana'} port in Settings.`,
    }),
  );
}

export function startupError(
  service: ServiceName,
  outcome: Exclude<ReadyOutcome, 'ready'>,
  proc: { tail: string[]; logFile: string; exit: ExitInfo | null },
  timeoutMs: number,
): ConsoleError {
  const Name = service === 'prometheus' ? 'Prometheus' : 'Grafana';
  const tail = proc.tail.slice(-TAIL_IN_ERRORS).join('\n');
  if (outcome === 'aborted')
    return new ConsoleError({ code: 'aborted', message: `Starting ${Name} was cancelled.` });
  if (outcome === 'timeout') {
    return new ConsoleError({
      code: `${service}-start-timeout`,
      message: `${Name} did not become ready within ${timeoutMs / 1000} s and was stopped. Last log lines:\n${tail}`,
      fix: `See the full log in ${proc.logFile}.`,
    });
  }
  const exit = proc.exit;
  const how =
    exit?.spawnError ??
    (exit?.signal ? `was killed by ${exit.signal}` : `exited with code ${exit?.code}`);
  let fix = `See the full log in ${proc.logFile}.`;
  if (/address already in use/i.test(tail))
    fix = `Its port is taken: stop the other program or choose another port in Settings. ${fix}`;
  else if (/error loading config|parsing YAML|couldn't load configuration/i.test(tail))
    fix = `The generated config was rejected: check it with promtool check config. ${fix}`;
  else if (/lock DB directory|opening storage failed/i.test(tail))
    fix = `Another ${Name} uses the same data folder: stop it first. ${fix}`;
  return new ConsoleError({
    code: `${service}-exited`,
    message: `${Name} ${how} during start-up. Last log lines:\n${tail}`,
    fix,
  });
}
