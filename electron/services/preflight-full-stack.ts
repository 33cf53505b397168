// Preflight's `full-stack` check: what the full profile (Collector, Tempo, Loki beside Prometheus
// and Grafana) needs, said plainly. It is a warning at most, never a failure: the profile was
// never started on Peak Watch's CI machines (no registry there to pull its images from), and
// nothing in it may block the mini stack or `peak-watch doctor`'s exit code.
import type { PreflightCheck } from '../../shared/api';
import type { Settings } from '../../shared/settings';
import { describeHolder, findPortHolder, isPortFree } from './ports';
import { FULL_STACK_IMAGES, FULL_STACK_PORTS, isFullProfile } from './stack/full/profile';

type Check = Omit<PreflightCheck, 'id' | 'title'>;

export const FULL_STACK_CHECK = {
  id: 'full-stack',
  title: 'Full stack (Collector, Tempo, Loki)',
} as const;

export interface FullStackCheckDeps {
  settings: Settings;
  /** The Docker driver's engine version and image lookup (`docker image inspect`). */
  docker: {
    engineVersion(signal?: AbortSignal): Promise<string>;
    missingImages?(images: readonly string[], signal?: AbortSignal): Promise<string[]>;
  };
  /** Where Docker runs: Linux binds every port on the host; Docker Desktop only the published. */
  platform?: NodeJS.Platform;
  /** The ports to look at; default the profile's (a test passes its own). */
  ports?: readonly number[];
}

export const NEVER_STARTED =
  'The full profile was never started on our CI machines (no registry there to pull its images): its configs are checked offline only.';

/** The ports the profile binds on this machine: all of them on Linux, the published elsewhere. */
export function fullStackPorts(platform: NodeJS.Platform): number[] {
  return Object.values(FULL_STACK_PORTS)
    .filter((p) => platform === 'linux' || p.published)
    .map((p) => p.port);
}

/** Taken ports, each with who holds it where the OS tells. */
async function takenPorts(ports: readonly number[]): Promise<string[]> {
  const taken: string[] = [];
  for (const port of ports) {
    if (await isPortFree('127.0.0.1', port)) continue;
    taken.push(`${port} (${describeHolder(await findPortHolder(port))})`);
  }
  return taken;
}

export async function fullStackCheck(deps: FullStackCheckDeps): Promise<Check> {
  if (!isFullProfile(deps.settings)) {
    return {
      status: 'skipped',
      observed:
        'the mini profile (Prometheus + Grafana); the full one is `peak-watch settings set stack.profile full`',
      fix: '',
    };
  }
  const images = Object.values(FULL_STACK_IMAGES);
  const seen: string[] = [NEVER_STARTED];
  const fixes: string[] = [];
  let missing: string[] | null = null;
  try {
    await deps.docker.engineVersion();
    missing = deps.docker.missingImages ? await deps.docker.missingImages(images) : null;
  } catch (err) {
    seen.push(
      `Docker engine not reachable, so its images cannot be looked at: ${(err as Error).message}`,
    );
    fixes.push('Start Docker, then run this check again.');
  }
  if (missing?.length) {
    seen.push(`Missing locally: ${missing.join(', ')}.`);
    fixes.push(
      `Docker must reach a registry to pull them once: docker pull ${missing.join(' && docker pull ')}.`,
    );
  } else if (missing) {
    seen.push(`Images present: ${images.join(', ')}.`);
  }
  const ports = deps.ports ?? fullStackPorts(deps.platform ?? process.platform);
  const taken = await takenPorts(ports);
  if (taken.length) {
    seen.push(`Ports taken on 127.0.0.1: ${taken.join(', ')}.`);
    fixes.push(
      'Free those ports (a running full stack holds them itself; `peak-watch stack status` says whether it runs).',
    );
  } else {
    seen.push(`Ports free: ${ports.join(', ')}.`);
  }
  fixes.push(
    'Apps send OTLP to the Collector at 127.0.0.1:14317 (gRPC) or http://127.0.0.1:14318 (HTTP). Back to the tested stack: peak-watch settings set stack.profile mini',
  );
  return { status: 'warn', observed: seen.join(' '), fix: fixes.join(' ') };
}
