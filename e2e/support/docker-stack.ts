// Test support for anything that runs the stack on the real Docker engine (the compose driver's
// tests, end-to-end tests): what must be present, a project name of its own, and a clean-up that
// leaves no container or volume behind. The engine and images come from scripts/ci/.
import { randomBytes } from 'node:crypto';
import { runCommand } from '../../electron/services/exec';

/** Built locally by scripts/ci/make-test-images.sh; no registry is reachable here. */
export const TEST_IMAGES = {
  prometheus: 'peak-watch-test/prometheus:2.42',
  /** Not Grafana: a node server answering /api/health (Grafana is in no reachable registry). */
  grafana: 'peak-watch-test/grafana-standin:1',
  /** The Prometheus image as uid/gid 65534, like upstream prom/prometheus (USER nobody). */
  prometheusNobody: 'peak-watch-test/prometheus-nobody:2.42',
} as const;

export const DOCKER_SETUP = 'scripts/ci/docker-env.sh start && scripts/ci/make-test-images.sh';

const quick = { timeoutMs: 20_000 };

/** Why a Docker test cannot run here, or null when the engine, compose and images are present. */
export async function dockerTestPrerequisite(): Promise<string | null> {
  try {
    await runCommand('docker', ['--version'], quick);
  } catch {
    return 'the docker CLI is missing (apt-get install -y docker.io)';
  }
  try {
    await runCommand('docker', ['info', '--format', '{{.ServerVersion}}'], quick);
  } catch {
    return `no Docker engine is reachable (run ${DOCKER_SETUP})`;
  }
  const composes = await Promise.all([
    runCommand('docker', ['compose', 'version'], quick).then(
      () => true,
      () => false,
    ),
    runCommand('docker-compose', ['version'], quick).then(
      () => true,
      () => false,
    ),
  ]);
  if (!composes.includes(true)) {
    return 'neither `docker compose` nor `docker-compose` is installed (apt-get install -y docker-compose)';
  }
  for (const image of Object.values(TEST_IMAGES)) {
    try {
      await runCommand('docker', ['image', 'inspect', '--format', '{{.Id}}', image], quick);
    } catch {
      return `test image ${image} is missing (run ${DOCKER_SETUP})`;
    }
  }
  return null;
}

/**
 * The rule for tests with a missing prerequisite: on CI they fail, elsewhere they skip and say
 * why. Returns whether to skip; on CI the caller's test runs and meets the failure itself.
 */
export function skipUnlessCi(reason: string | null, what: string): boolean {
  if (reason === null) return false;
  if (process.env.CI === 'true') return false;
  console.warn(`SKIPPED ${what}: ${reason}. CI fails instead.`);
  return true;
}

/** A compose project name no other run uses, so parallel runs and leftovers cannot collide. */
export function uniqueProject(prefix = 'peak-watch-test'): string {
  return `${prefix}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

async function lines(args: string[]): Promise<string[]> {
  const { stdout } = await runCommand('docker', args, quick);
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * Removes every container, volume and network of a compose project, found by its label (both
 * compose generations set it) plus the volume names given. Never throws: it runs in afterAll.
 */
export async function removeComposeProject(
  project: string,
  volumes: string[] = [],
): Promise<string[]> {
  const problems: string[] = [];
  const label = `label=com.docker.compose.project=${project}`;
  const attempt = async (what: string, work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (err) {
      problems.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  await attempt('containers', async () => {
    const ids = await lines(['ps', '-aq', '--filter', label]);
    if (ids.length) await runCommand('docker', ['rm', '-f', ...ids], { timeoutMs: 60_000 });
  });
  await attempt('volumes', async () => {
    const labelled = await lines(['volume', 'ls', '-q', '--filter', label]);
    const existing = new Set(await lines(['volume', 'ls', '-q']));
    const all = [...new Set([...labelled, ...volumes.filter((v) => existing.has(v))])];
    if (all.length) await runCommand('docker', ['volume', 'rm', '-f', ...all], quick);
  });
  await attempt('networks', async () => {
    const ids = await lines(['network', 'ls', '-q', '--filter', label]);
    if (ids.length) await runCommand('docker', ['network', 'rm', ...ids], quick);
  });
  return problems;
}
