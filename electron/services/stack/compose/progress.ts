// Reads compose's progress lines (v1: "Creating peak-watch_prometheus_1 ... done" on stderr;
// v2: " Container peak-watch-prometheus-1  Started") into per-service progress events. Pure, and
// tested on recorded output (fixtures/).
import type { ServiceName, StackProgress } from '../../../../shared/api';
import { SERVICES } from './parse';

export interface ProgressContext {
  project: string;
  /** image reference → service, for compose v2 versions that name the image in pull events. */
  images?: Readonly<Record<string, ServiceName>>;
}

/** Which of our services a container name belongs to: v1 `p_svc_1`, v2 `p-svc-1`, or a custom name. */
export function serviceOfContainer(name: string, project: string): ServiceName | null {
  const bare = name.replace(/^\//, '');
  const prefixed = [`${project}_`, `${project}-`].find((p) => bare.startsWith(p));
  if (prefixed) {
    const svc = bare.slice(prefixed.length).replace(/[-_]\d+$/, '');
    const hit = SERVICES.find((s) => s === svc);
    if (hit) return hit;
  }
  return SERVICES.find((s) => new RegExp(`(^|[-_])${s}($|[-_])`).test(bare)) ?? null;
}

const asService = (id: string): ServiceName | null => SERVICES.find((s) => s === id) ?? null;

// compose v1 (non-TTY, on stderr): "Creating peak-watch_prometheus_1 ... done"
const V1_ACTION =
  /^(Creating|Recreating|Starting|Restarting|Stopping|Removing|Killing) (\S+)\s+\.\.\.\s*(done|error)?$/;
const V1_UP_TO_DATE = /^(\S+) is up-to-date$/;
const V1_PULLING = /^Pulling (\S+) \((\S+)\)\.\.\.$/;
const V1_ERROR_FOR = /^ERROR: for (\S+)\s+(.+)$/;
// compose v2 (plain progress, on stderr): " Container peak-watch-prometheus-1  Started"
const V2_CONTAINER = /^Container (\S+)\s+(\S.*)$/;
const V2_IMAGE = /^Image (\S+)\s+(\S.*)$/;
const V2_SERVICE = /^(\S+)\s+(Pulling|Pulled|Error|Warning|Interrupted)\b\s*(.*)$/;

type Phase = StackProgress['phase'];

const V1_PHASES: Record<string, [Phase, Phase]> = {
  // [while working, when done] — v1 "Creating … done" means created and started.
  Creating: ['creating', 'started'],
  Recreating: ['creating', 'started'],
  Starting: ['starting', 'started'],
  Restarting: ['starting', 'started'],
  Stopping: ['stopping', 'stopped'],
  Removing: ['stopping', 'stopped'],
  Killing: ['stopping', 'stopped'],
};

const V2_PHASES: Record<string, Phase> = {
  Creating: 'creating',
  Created: 'creating',
  Recreate: 'creating',
  Recreated: 'creating',
  Starting: 'starting',
  Waiting: 'starting',
  Started: 'started',
  Running: 'started',
  Healthy: 'started',
  Restarting: 'starting',
  Restarted: 'started',
  Stopping: 'stopping',
  Killing: 'stopping',
  Removing: 'stopping',
  Stopped: 'stopped',
  Killed: 'stopped',
  Removed: 'stopped',
  Exited: 'stopped',
  Error: 'failed',
  Pulling: 'pulling',
  Pulled: 'pulling',
  Interrupted: 'failed',
};

/** One line of `up` / `down` output → a progress event for one of our services, or null. */
export function parseProgressLine(rawLine: string, ctx: ProgressContext): StackProgress | null {
  const line = rawLine.trim().replace(/\s+/g, ' ');
  if (line === '') return null;
  const event = (service: ServiceName | null, phase: Phase | undefined): StackProgress | null =>
    service && phase ? { service, phase, message: line } : null;

  let m = V1_ACTION.exec(line);
  if (m) {
    const phases = V1_PHASES[m[1] ?? ''];
    const phase = m[3] === 'error' ? 'failed' : m[3] === 'done' ? phases?.[1] : phases?.[0];
    return event(serviceOfContainer(m[2] ?? '', ctx.project), phase);
  }
  if ((m = V1_UP_TO_DATE.exec(line)))
    return event(serviceOfContainer(m[1] ?? '', ctx.project), 'started');
  if ((m = V1_PULLING.exec(line))) return event(asService(m[1] ?? ''), 'pulling');
  if ((m = V1_ERROR_FOR.exec(line))) {
    const id = m[1] ?? '';
    return event(asService(id) ?? serviceOfContainer(id, ctx.project), 'failed');
  }
  if ((m = V2_CONTAINER.exec(line))) {
    const word = (m[2] ?? '').split(' ')[0] ?? '';
    return event(
      serviceOfContainer(m[1] ?? '', ctx.project),
      V2_PHASES[word] ?? (/error/i.test(word) ? 'failed' : undefined),
    );
  }
  if ((m = V2_IMAGE.exec(line))) {
    const word = (m[2] ?? '').split(' ')[0] ?? '';
    return event(ctx.images?.[m[1] ?? ''] ?? null, V2_PHASES[word]);
  }
  if ((m = V2_SERVICE.exec(line))) {
    const phase = m[2] === 'Warning' ? undefined : V2_PHASES[m[2] ?? ''];
    return event(asService(m[1] ?? ''), phase);
  }
  return null;
}
