// The docker and compose CLIs as the compose driver calls them: where to find them, which compose
// generation is there, the engine's version, container state by compose label, and every CLI
// failure turned into one typed error a person can act on.
import { ConsoleError, type ConsoleErrorCode } from '../../../../shared/api';
import { CommandError, runCommand, type RunOptions, type RunResult } from '../../exec';
import {
  INSPECT_TEMPLATE,
  failureReason,
  isEngineUnreachable,
  isPermissionDenied,
  parseComposeVersion,
  parseEngineVersion,
  parseInspectLines,
  withoutTraceback,
  type ComposeVersion,
  type ContainerState,
} from './parse';

export interface DockerCliOptions {
  /** The docker CLI; default `docker` from PATH. */
  dockerPath?: string;
  /** Merged over process.env for every call (DOCKER_HOST, DOCKER_CONTEXT, …). */
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/** How to run compose: `docker compose …` (v2 plugin) or `docker-compose …`. */
export interface ComposeCommand {
  file: string;
  /** Arguments before the compose arguments: ['compose'] for the v2 plugin. */
  prefix: string[];
  version: ComposeVersion;
  /** 'docker compose v2.29.7' or 'docker-compose 1.29.2'. */
  label: string;
}

export const QUICK_MS = 15_000;
// Plain, colourless progress on every compose generation; unknown variables are ignored.
const QUIET_ENV = { COMPOSE_PROGRESS: 'plain', COMPOSE_ANSI: 'never', NO_COLOR: '1' };

const DOCKER_FIX =
  'Install Docker Desktop (macOS, Windows) or the docker.io package (Linux), or choose the native runtime in Settings.';
const COMPOSE_FIX =
  'Install the Compose plugin (Docker Desktop includes it; Linux: the docker-compose-plugin package) or docker-compose (Debian: apt-get install docker-compose).';

// An app started from the macOS Finder gets PATH=/usr/bin:/bin:/usr/sbin:/sbin, without the
// places Docker Desktop and Homebrew put the CLI; a terminal has them. Append them there.
const EXTRA_BIN_DIRS: Partial<Record<NodeJS.Platform, readonly string[]>> = {
  darwin: [
    '/usr/local/bin',
    '/opt/homebrew/bin',
    '/Applications/Docker.app/Contents/Resources/bin',
  ],
};

/** PATH with the platform's usual Docker locations appended (unchanged elsewhere). */
export function dockerSearchPath(
  platform: NodeJS.Platform,
  path: string | undefined,
): string | undefined {
  const extra = EXTRA_BIN_DIRS[platform];
  if (!extra) return path;
  const parts = (path ?? '').split(':').filter(Boolean);
  for (const dir of extra) if (!parts.includes(dir)) parts.push(dir);
  return parts.join(':');
}

export function cliEnv(
  env: NodeJS.ProcessEnv | undefined,
  platform: NodeJS.Platform,
): NodeJS.ProcessEnv {
  const PATH = dockerSearchPath(platform, env?.PATH ?? process.env.PATH);
  return { ...QUIET_ENV, ...env, ...(PATH === undefined ? {} : { PATH }) };
}

export function engineError(stderr: string): ConsoleError {
  const reason = withoutTraceback(stderr).trim().split('\n').pop() ?? '';
  return new ConsoleError({
    code: 'docker-engine-unreachable',
    message: `The Docker engine is not reachable: ${reason}`,
    fix: isPermissionDenied(stderr)
      ? 'Add your user to the docker group (sudo usermod -aG docker $USER) and log in again.'
      : 'Start Docker Desktop (macOS, Windows) or the docker service (Linux: sudo systemctl start docker, or dockerd).',
  });
}

function dockerMissing(dockerPath: string): ConsoleError {
  return new ConsoleError({
    code: 'docker-missing',
    message: `The docker CLI was not found: ${dockerPath} is not installed or not on PATH`,
    fix: DOCKER_FIX,
  });
}

const firstLine = (e: CommandError): string => e.stderrTail.split('\n')[0] || e.code;

/** The docker CLI with one path, environment and error vocabulary. */
export class DockerCli {
  readonly path: string;
  readonly env: NodeJS.ProcessEnv;

  constructor(opts: { dockerPath?: string; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform }) {
    this.path = opts.dockerPath ?? 'docker';
    this.env = cliEnv(opts.env, opts.platform ?? process.platform);
  }

  run(
    file: string,
    args: string[],
    signal?: AbortSignal,
    extra: RunOptions = {},
  ): Promise<RunResult> {
    return runCommand(file, args, {
      timeoutMs: QUICK_MS,
      env: this.env,
      ...(signal ? { signal } : {}),
      ...extra,
    });
  }

  docker(args: string[], signal?: AbortSignal, extra: RunOptions = {}): Promise<RunResult> {
    return this.run(this.path, args, signal, extra);
  }

  /** The engine's version, or 'docker-missing' / 'docker-engine-unreachable'. */
  async engineVersion(signal?: AbortSignal): Promise<string> {
    try {
      const { stdout } = await this.docker(['version', '--format', '{{json .Server}}'], signal);
      const v = parseEngineVersion(stdout);
      if (!v) throw engineError('the docker CLI printed no server version');
      return v.version;
    } catch (err) {
      if (!(err instanceof CommandError)) throw err;
      if (err.code === 'command-not-found') throw dockerMissing(this.path);
      if (err.code === 'command-aborted') throw err;
      if (err.code === 'command-timeout')
        throw engineError(`no answer within ${QUICK_MS / 1000} s`);
      throw engineError(err.stderrTail || err.message);
    }
  }

  /** `docker compose` (v2) first, then the standalone binary; 'compose-missing' when neither. */
  async detectCompose(composePath: string, signal?: AbortSignal): Promise<ComposeCommand> {
    const tried: string[] = [];
    const attempt = async (file: string, prefix: string[]): Promise<ComposeCommand | null> => {
      try {
        const { stdout } = await this.run(file, [...prefix, 'version'], signal);
        const version = parseComposeVersion(stdout);
        if (version) {
          const v = version.major === 1 ? version.version : `v${version.version}`;
          const label = prefix.length ? `docker compose ${v}` : `docker-compose ${v}`;
          return { file, prefix, version, label };
        }
        tried.push(`${[file, ...prefix].join(' ')} printed "${stdout.trim().slice(0, 80)}"`);
      } catch (err) {
        if (!(err instanceof CommandError)) throw err;
        if (err.code === 'command-aborted') throw err;
        if (err.code === 'command-not-found' && file === this.path) throw dockerMissing(this.path);
        tried.push(
          err.code === 'command-not-found' ? `${file}: not found` : `${file}: ${firstLine(err)}`,
        );
      }
      return null;
    };
    const found = (await attempt(this.path, ['compose'])) ?? (await attempt(composePath, []));
    if (found) return found;
    throw new ConsoleError({
      code: 'compose-missing',
      message: `Docker is installed but Docker Compose is not (${tried.join('; ')})`,
      fix: COMPOSE_FIX,
    });
  }

  /** Every container carrying the compose project's label, with its state. */
  async containers(project: string, signal?: AbortSignal): Promise<ContainerState[]> {
    const filter = `label=com.docker.compose.project=${project}`;
    const { stdout } = await this.docker(['ps', '-aq', '--filter', filter], signal);
    const ids = stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (!ids.length) return [];
    try {
      const r = await this.docker(['inspect', '--format', INSPECT_TEMPLATE, ...ids], signal);
      return parseInspectLines(r.stdout);
    } catch (err) {
      // A container removed between ps and inspect fails the call; the others were printed.
      if (err instanceof CommandError && /No such (object|container)/i.test(err.stderrTail)) {
        return parseInspectLines(err.stdout);
      }
      throw err;
    }
  }

  /** The images of the list the engine does not have. */
  async missingImages(images: readonly string[], signal?: AbortSignal): Promise<string[]> {
    const missing: string[] = [];
    for (const image of images) {
      try {
        await this.docker(['image', 'inspect', '--format', '{{.Id}}', image], signal);
      } catch (err) {
        if (err instanceof CommandError && /No such image/i.test(err.stderrTail)) {
          missing.push(image);
        }
      }
    }
    return missing;
  }

  /** Any docker / compose failure as one typed error; `code` for what has no better name. */
  toConsoleError(err: unknown, code: ConsoleErrorCode, what: string): ConsoleError {
    if (err instanceof ConsoleError && !(err instanceof CommandError)) return err;
    if (!(err instanceof CommandError)) {
      return new ConsoleError({ code, message: `${what}: ${String(err)}` });
    }
    if (err.code === 'command-aborted') return err;
    if (err.code === 'command-not-found') {
      return err.command.startsWith(this.path)
        ? dockerMissing(this.path)
        : new ConsoleError({ code: 'compose-missing', message: err.message, fix: COMPOSE_FIX });
    }
    if (isEngineUnreachable(err.stderrTail)) return engineError(err.stderrTail);
    return new CommandError({
      code,
      message: `${what}: ${failureReason(err.stderrTail) || err.message}`,
      command: err.command,
      exitCode: err.exitCode,
      stderrTail: withoutTraceback(err.stderrTail),
    });
  }
}

/** The engine's version for preflight, or 'docker-missing' / 'docker-engine-unreachable'. */
export function dockerEngineInfo(opts: DockerCliOptions = {}): Promise<string> {
  return new DockerCli(opts).engineVersion(opts.signal);
}
