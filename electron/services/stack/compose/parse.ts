// Pure readers of what the docker / compose CLIs print. Each is tested on output recorded from
// the real tools (fixtures/), so a CLI that changes its wording breaks a test, not the app.
import type { ServiceName, ServiceStatus } from '../../../../shared/api';

export const SERVICES: readonly ServiceName[] = ['prometheus', 'grafana'];

// ------------------------------------------------------------------ versions

export interface ComposeVersion {
  major: 1 | 2;
  /** Without a leading "v": "1.29.2", "2.29.7", "2.24.6+ds1-0ubuntu1". */
  version: string;
}

/**
 * `docker-compose version` (v1: "docker-compose version 1.29.2, build unknown"),
 * `docker compose version` (v2: "Docker Compose version v2.29.7"), or either with --short.
 */
export function parseComposeVersion(stdout: string): ComposeVersion | null {
  const text = stdout.trim();
  const m =
    /^docker-compose version v?(\d+\.\d+\.\d+[^\s,]*)/im.exec(text) ??
    /^Docker Compose version v?(\d+\.\d+\.\d+\S*)/im.exec(text) ??
    /^v?(\d+\.\d+\.\d+\S*)$/.exec(text);
  const version = m?.[1];
  if (!version) return null;
  const major = Number(version.split('.')[0]);
  return { major: major >= 2 ? 2 : 1, version };
}

export interface EngineVersion {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
}

/** `docker version --format '{{json .Server}}'`; "null" when the engine did not answer. */
export function parseEngineVersion(stdout: string): EngineVersion | null {
  let raw: unknown;
  try {
    raw = JSON.parse(stdout.trim());
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.Version !== 'string' || r.Version === '') return null;
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  return { version: r.Version, apiVersion: str(r.ApiVersion), os: str(r.Os), arch: str(r.Arch) };
}

/** What the docker CLI, docker-py (compose v1) and compose v2 say when no engine answers. */
export function isEngineUnreachable(stderr: string): boolean {
  return /Cannot connect to the Docker daemon|Is the docker daemon running|error during connect|Error while fetching server API version|permission denied while trying to connect to the Docker daemon|docker_engine: The system cannot find the file specified/i.test(
    stderr,
  );
}

export function isPermissionDenied(stderr: string): boolean {
  return /permission denied while trying to connect to the Docker daemon/i.test(stderr);
}

/** compose v1 prints a Python traceback for some failures: keep only what it says last. */
export function withoutTraceback(stderr: string): string {
  if (!/Traceback \(most recent call last\)/.test(stderr)) return stderr;
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? stderr;
}

// ------------------------------------------------------------------ containers

/** The `docker inspect --format` template the driver uses: one JSON object per line. */
export const INSPECT_TEMPLATE =
  '{"name":{{json .Name}},"created":{{json .Created}},"restartCount":{{json .RestartCount}},' +
  '"labels":{{json .Config.Labels}},"state":{{json .State}}}';

export interface ContainerState {
  name: string;
  created: string;
  service: string | null;
  project: string | null;
  status: string;
  exitCode: number;
  error: string;
  oomKilled: boolean;
  health: string | null;
  restartCount: number;
}

/** Output of `docker inspect --format INSPECT_TEMPLATE …`; lines that are not such JSON are skipped. */
export function parseInspectLines(stdout: string): ContainerState[] {
  const out: ContainerState[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      continue;
    }
    const r = raw as {
      name?: unknown;
      created?: unknown;
      restartCount?: unknown;
      labels?: Record<string, unknown> | null;
      state?: Record<string, unknown> | null;
    };
    const s = r.state ?? {};
    const str = (v: unknown): string => (typeof v === 'string' ? v : '');
    const health =
      s.Health && typeof s.Health === 'object' ? (s.Health as { Status?: unknown }).Status : null;
    out.push({
      name: str(r.name).replace(/^\//, ''),
      created: str(r.created),
      service: str(r.labels?.['com.docker.compose.service']) || null,
      project: str(r.labels?.['com.docker.compose.project']) || null,
      status: str(s.Status),
      exitCode: typeof s.ExitCode === 'number' ? s.ExitCode : 0,
      error: str(s.Error),
      oomKilled: s.OOMKilled === true,
      health: typeof health === 'string' ? health : null,
      restartCount: typeof r.restartCount === 'number' ? r.restartCount : 0,
    });
  }
  return out;
}

const LIVE = new Set(['running', 'restarting']);

/** The container that speaks for a service: a live one first, else the newest. */
export function pickContainer(
  all: readonly ContainerState[],
  service: ServiceName,
): ContainerState | null {
  const mine = all.filter((c) => c.service === service);
  const byNewest = [...mine].sort((a, b) => b.created.localeCompare(a.created));
  return byNewest.find((c) => LIVE.has(c.status)) ?? byNewest[0] ?? null;
}

export function serviceStatusOf(
  service: ServiceName,
  container: ContainerState | null,
  url: string,
): ServiceStatus {
  const base = { name: service, url, exitCode: null, detail: null };
  if (!container) return { ...base, state: 'stopped' };
  const c = container;
  const exited = (): ServiceStatus => ({
    ...base,
    state: 'exited',
    exitCode: c.exitCode,
    detail:
      c.error ||
      (c.oomKilled
        ? `killed: out of memory (exit code ${c.exitCode})`
        : `exited with code ${c.exitCode}`),
  });
  switch (c.status) {
    case 'running':
      if (c.health === 'starting')
        return { ...base, state: 'starting', detail: 'health check pending' };
      return {
        ...base,
        state: 'running',
        detail: c.health === 'unhealthy' ? 'health check failing' : null,
      };
    case 'restarting':
      return {
        ...base,
        state: 'restarting',
        exitCode: c.exitCode,
        detail: `restarting after exit code ${c.exitCode} (${c.restartCount} restarts)`,
      };
    case 'exited':
    case 'dead':
      return exited();
    case 'created':
      // A container that could not start stays "created" with the runtime's error.
      return c.error ? exited() : { ...base, state: 'stopped', detail: 'created, not started' };
    case 'paused':
      return { ...base, state: 'stopped', detail: 'paused' };
    case 'removing':
      return { ...base, state: 'stopped', detail: 'being removed' };
    default:
      return {
        ...base,
        state: 'unknown',
        detail: c.status ? `docker reports "${c.status}"` : null,
      };
  }
}

// ------------------------------------------------------------------ logs

const TIMESTAMPED = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d) ?(.*)$/;

/**
 * `docker logs --timestamps` splits a container's stdout and stderr onto ours; put them back in
 * time order (RFC 3339 with trimmed nanoseconds, so compare padded), drop the stamps, keep `n`.
 */
export function mergeTimestampedLogs(stdout: string, stderr: string, n: number): string[] {
  const entries: { key: string; text: string; seq: number }[] = [];
  let seq = 0;
  for (const text of [stdout, stderr]) {
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const m = TIMESTAMPED.exec(line);
      const key = m ? `${m[1] ?? ''}.${(m[2] ?? '').padEnd(9, '0')}${m[3] ?? ''}` : '';
      entries.push({ key, text: m ? (m[4] ?? '') : line, seq: seq++ });
    }
  }
  entries.sort((a, b) => (a.key === b.key ? a.seq - b.seq : a.key < b.key ? -1 : 1));
  return entries.slice(-n).map((e) => e.text);
}

// Most telling first: a taken port is the usual reason a service dies right after it started.
const CRASH_HINTS = [
  /address already in use|EADDRINUSE|bind: /i,
  /level=(error|fatal|crit)|\b(FATAL|PANIC)\b/i,
  /\b(error|fatal|panic|failed)\b/i,
];

/** The log line that best says why a service stopped, or null when none does. */
export function crashReason(lines: readonly string[]): string | null {
  for (const hint of CRASH_HINTS) {
    const hit = [...lines].reverse().find((l) => hint.test(l));
    if (hit) return hit.trim();
  }
  return null;
}

// ------------------------------------------------------------------ compose file

/** The `image:` references of a compose file (ours is generated, so a line scan is enough). */
export function imagesInComposeFile(yaml: string): string[] {
  const images: string[] = [];
  for (const m of yaml.matchAll(/^\s+image:\s*["']?([^\s"'#]+)["']?\s*(?:#.*)?$/gm)) {
    if (m[1] && !images.includes(m[1])) images.push(m[1]);
  }
  return images;
}

/** The most telling line of a failed `up`: an error line if there is one, else the last line. */
export function failureReason(stderr: string): string {
  const lines = withoutTraceback(stderr)
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^(Pulling|Creating|Starting|Recreating) .*(\.\.\.|done)$/.test(l));
  const errorLine = [...lines]
    .reverse()
    .find(
      (l) =>
        /error|denied|not found|no such|failed|cannot|unable/i.test(l) &&
        !/^Encountered errors/.test(l),
    );
  return (errorLine ?? lines[lines.length - 1] ?? '').replace(/^ERROR: (for \S+\s+)?/, '');
}
