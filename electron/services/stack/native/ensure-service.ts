// One native service brought up the same way for Prometheus and Grafana (adopt → replace →
// spawn → wait), written once. What differs between the two — arguments, readiness probe, what to
// do after adopting, how to launch — comes in a ServiceSpec (prometheus.ts, grafana.ts).
import type { ConsoleError, ServiceName, StackProgress } from '../../../../shared/api';
import { assertPortFree, startupError } from './errors';
import { readLastLines } from './log-file';
import type { NativeProcess, ReadyOutcome, ServiceRecord } from './process';

export type Emit = (p: StackProgress) => void;

/** How ensureService brings up one native service. */
export interface ServiceSpec {
  service: ServiceName;
  /** As messages name it: "Prometheus". */
  title: string;
  port: number;
  /** The arguments a running one must have been started with; null when any will do. */
  args: string[] | null;
  /** Runs one readiness wait with a probe, releasing what the probe opened afterwards. */
  whileProbing(wait: (probe: () => Promise<boolean>) => Promise<void>): Promise<void>;
  /** After a running one is adopted and ready. */
  adopted?(running: ServiceRecord): Promise<void>;
  /** What to spawn, or why the service cannot run here. */
  launch():
    | { unavailable: string }
    | {
        file: string;
        args: string[];
        /** Where it listens, in the "Starting … on …" message. */
        where: string;
        /** Its address in the "ready on …" message. */
        readyAt: string;
        configHash: string;
        env(): Promise<NodeJS.ProcessEnv>;
      };
}

/** A failure reported on the service's progress line, then thrown. */
export const failWith =
  (emit: Emit, service: ServiceName) =>
  (err: ConsoleError): ConsoleError => {
    emit({ service, phase: 'failed', message: err.message });
    return err;
  };

/** What ensureService needs of the runtime for one service. */
export interface EnsureDeps {
  proc: NativeProcess;
  /** Where the service runs: <dataDir>/native. */
  cwd: string;
  signal?: AbortSignal;
  readyTimeoutMs: number;
  /** Between SIGTERM and SIGKILL when a service is replaced or gave up. */
  stopTimeoutMs: number;
  /** Who starts it, recorded in the state file. */
  startedBy: string;
  /** The services being waited for, which the runtime's status reports as starting. */
  starting: Set<ServiceName>;
}

/**
 * One service up: a running one of ours is adopted once ready (and `adopted` runs); one on
 * another port or started with other arguments is stopped and replaced (one without the web
 * config would answer anyone); otherwise it is spawned on a free port and waited for.
 */
export async function ensureService(
  deps: EnsureDeps,
  emit: Emit,
  spec: ServiceSpec,
): Promise<void> {
  const { service, title } = spec;
  const fail = failWith(emit, service);
  const { proc } = deps;
  let running = await proc.current();
  if (running && (running.port !== spec.port || (spec.args && !(await proc.runsWith(spec.args))))) {
    await proc.stop(deps.stopTimeoutMs);
    running = null;
  }
  if (running) {
    // Ours and running (maybe started by another process).
    await spec.whileProbing((probe) => awaitReady(deps, service, probe, fail));
    await spec.adopted?.(running);
    emit({
      service,
      phase: 'started',
      message: `${title} (pid ${running.pid}, started by ${running.startedBy.client}) is running`,
    });
    return;
  }
  const launch = spec.launch();
  if ('unavailable' in launch) {
    emit({ service, phase: 'stopped', message: launch.unavailable });
    return;
  }
  await assertPortFree(service, spec.port, fail);
  emit({ service, phase: 'starting', message: `Starting ${launch.file} on ${launch.where}` });
  await proc.start(launch.file, launch.args, {
    cwd: deps.cwd,
    env: await launch.env(),
    port: spec.port,
    configHash: launch.configHash,
    startedBy: deps.startedBy,
  });
  await spec.whileProbing((probe) => awaitReady(deps, service, probe, fail));
  emit({ service, phase: 'started', message: `${title} ready on ${launch.readyAt}` });
}

/** Waits until the probe answers; a service that exits or never answers is stopped and its
 * start-up error, with its last log lines, thrown. */
async function awaitReady(
  deps: EnsureDeps,
  service: ServiceName,
  probe: () => Promise<boolean>,
  fail: (err: ConsoleError) => ConsoleError,
): Promise<void> {
  const { proc, starting } = deps;
  const timeoutMs = deps.readyTimeoutMs;
  starting.add(service);
  let outcome: ReadyOutcome;
  try {
    outcome = await proc.waitUntilReady(probe, { timeoutMs, signal: deps.signal });
  } finally {
    starting.delete(service);
  }
  if (outcome === 'ready') return;
  if (outcome !== 'exited') await proc.stop(deps.stopTimeoutMs);
  else await proc.stop(0);
  // Its own exit record may trail the pid's disappearance by a moment.
  await new Promise((r) => setTimeout(r, outcome === 'exited' ? 200 : 0));
  const tail = (await readLastLines(proc.logFile, 15)).filter(
    (l) => !l.startsWith('--- peak-watch'),
  );
  throw fail(
    startupError(service, outcome, { tail, logFile: proc.logFile, exit: proc.exit }, timeoutMs),
  );
}
