// The Docker runtime: drives the generated compose project with `docker compose` (v2) or, where
// only that exists, `docker-compose` (v1, as Debian ships it). State and logs come from the docker
// CLI and the compose labels, which both compose generations set the same way, so one reading
// serves both and works whatever compose version started the containers.
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ConsoleError,
  type ServiceName,
  type ServiceStatus,
  type StackProgress,
} from '../../../../shared/api';
import { CommandError, type RunOptions } from '../../exec';
import { DockerCli, engineError, type ComposeCommand, type DockerCliOptions } from './cli';
import {
  SERVICES,
  crashReason,
  failureReason,
  imagesInComposeFile,
  isEngineUnreachable,
  mergeTimestampedLogs,
  pickContainer,
  serviceStatusOf,
  withoutTraceback,
} from './parse';
import { parseProgressLine, type ProgressContext } from './progress';
import {
  composeProject,
  GRAFANA_PROMETHEUS_PASSWORD_ENV,
  GRAFANA_SOURCE_CREDENTIAL_ENV,
  STACK_PATHS,
} from '../files';
import { SecretStore } from '../../secrets';
import { reloadContainerPrometheus } from './reload';
import {
  grafanaUrl,
  prometheusClientAuth,
  prometheusUrl,
  type RuntimeContext,
  type StackRuntimeDriver,
} from '../runtime';

export { dockerEngineInfo, dockerSearchPath, type DockerCliOptions } from './cli';

export interface ComposeRuntimeOptions extends Omit<DockerCliOptions, 'signal'> {
  /** Decides where else to look for the CLIs; default process.platform. */
  platform?: NodeJS.Platform;
  /** Compose project name (`-p`); default from the data folder (composeProject()). */
  project?: string;
  /** The standalone compose v1 (or a renamed v2) binary; default `docker-compose` from PATH. */
  composePath?: string;
  /** `up` may pull images on a first start; default 10 minutes. */
  upTimeoutMs?: number;
  /** How long after `up` a service must stay up to count as started; default 1.5 s. */
  settleMs?: number;
}

const DOWN_TIMEOUT_MS = 120_000;

export class ComposeRuntime implements StackRuntimeDriver {
  readonly kind = 'docker' as const;
  private readonly fixedProject: string | undefined;
  readonly cli: DockerCli;
  private readonly composePath: string;
  private readonly upTimeoutMs: number;
  private readonly settleMs: number;
  /** Found once; a failed detection is retried next time (the user may install compose). */
  private compose: ComposeCommand | null = null;

  constructor(opts: ComposeRuntimeOptions = {}) {
    this.fixedProject = opts.project;
    this.cli = new DockerCli(opts);
    this.composePath = opts.composePath ?? 'docker-compose';
    this.upTimeoutMs = opts.upTimeoutMs ?? 10 * 60_000;
    this.settleMs = opts.settleMs ?? 1_500;
  }

  /** 'docker compose v2.29.7' or 'docker-compose 1.29.2'. */
  async detect(signal?: AbortSignal): Promise<string> {
    return (await this.detectCompose(signal)).label;
  }

  /** The engine's version, with this driver's docker path and environment. */
  engineVersion(signal?: AbortSignal): Promise<string> {
    return this.cli.engineVersion(signal);
  }

  /** The docker CLI's own version line, found the way every other call finds it. */
  async cliVersion(signal?: AbortSignal): Promise<string> {
    try {
      return (await this.cli.docker(['--version'], signal)).stdout.trim();
    } catch (err) {
      throw this.cli.toConsoleError(err, 'docker-missing', 'The docker CLI did not run');
    }
  }

  missingImages(images: readonly string[], signal?: AbortSignal): Promise<string[]> {
    return this.cli.missingImages(images, signal);
  }

  /** Start needs a reachable engine too, not just the CLIs. */
  async usable(signal?: AbortSignal): Promise<void> {
    await this.detectCompose(signal);
    await this.cli.engineVersion(signal);
  }

  projectOf(ctx: Pick<RuntimeContext, 'dataDir'>): string {
    return this.fixedProject ?? composeProject(ctx.dataDir);
  }

  /** `docker kill --signal=HUP` to the Prometheus container, confirmed like a native reload. */
  reload(ctx: RuntimeContext): Promise<void> {
    return reloadContainerPrometheus(this.cli, ctx, this.projectOf(ctx), () =>
      this.logs(ctx, 'prometheus', 30),
    );
  }

  async up(ctx: RuntimeContext, onProgress: (p: StackProgress) => void): Promise<void> {
    const compose = await this.detectCompose(ctx.signal);
    // Checked first: compose v1 answers a missing engine with a Python traceback.
    await this.cli.engineVersion(ctx.signal);
    const composeFile = join(ctx.filesDir, STACK_PATHS.compose);
    const yaml = await readFile(composeFile, 'utf8').catch(() => {
      throw new ConsoleError({
        code: 'compose-file-missing',
        message: `No compose file at ${composeFile}`,
        fix: 'Start the stack from Peak Watch, which writes it.',
      });
    });
    const images = imagesInComposeFile(yaml);
    const report = this.reporter(
      { project: this.projectOf(ctx), images: imagesByService(ctx, images) },
      onProgress,
    );
    try {
      // No --pull and no --build: a present image is used as it is; a missing one is pulled by
      // compose's default policy, and that failing is reported as image-missing below.
      await this.runCompose(compose, ctx, ['up', '-d', '--remove-orphans'], {
        timeoutMs: this.upTimeoutMs,
        onStdoutLine: report,
        onStderrLine: report,
      });
    } catch (err) {
      throw await this.upFailure(err, ctx, images);
    }
    await this.checkSettled(ctx, onProgress);
  }

  async down(ctx: RuntimeContext, onProgress: (p: StackProgress) => void): Promise<void> {
    const report = this.reporter({ project: this.projectOf(ctx) }, onProgress);
    const hasFile = await access(join(ctx.filesDir, STACK_PATHS.compose)).then(
      () => true,
      () => false,
    );
    try {
      if (hasFile) {
        const compose = await this.detectCompose(ctx.signal);
        // Never -v: the named volumes hold Prometheus's TSDB and Grafana's state.
        await this.runCompose(compose, ctx, ['down', '--remove-orphans'], {
          timeoutMs: DOWN_TIMEOUT_MS,
          onStdoutLine: report,
          onStderrLine: report,
        });
      } else {
        await this.removeByLabel(ctx, onProgress);
      }
    } catch (err) {
      throw this.cli.toConsoleError(err, 'compose-down-failed', 'Stopping the stack failed');
    }
    for (const service of SERVICES) onProgress({ service, phase: 'stopped', message: 'stopped' });
  }

  async status(ctx: RuntimeContext): Promise<ServiceStatus[]> {
    const urls: Record<ServiceName, string> = {
      prometheus: prometheusUrl(ctx.settings),
      grafana: grafanaUrl(ctx.settings),
    };
    try {
      const containers = await this.cli.containers(this.projectOf(ctx), ctx.signal);
      return SERVICES.map((s) => serviceStatusOf(s, pickContainer(containers, s), urls[s]));
    } catch (err) {
      // Never throws: no docker or no engine is a state the UI shows, not a failure.
      const e = this.cli.toConsoleError(err, 'docker-status-failed', 'Reading the stack failed');
      const state = e.code === 'docker-status-failed' ? 'unknown' : 'unavailable';
      return SERVICES.map((s) => ({
        name: s,
        state,
        exitCode: null,
        url: urls[s],
        detail: e.message,
      }));
    }
  }

  async logs(ctx: RuntimeContext, service: ServiceName, lines: number): Promise<string[]> {
    try {
      const container = pickContainer(
        await this.cli.containers(this.projectOf(ctx), ctx.signal),
        service,
      );
      if (!container) return [];
      const { stdout, stderr } = await this.cli.docker(
        ['logs', '--tail', String(lines), '--timestamps', container.name],
        ctx.signal,
      );
      return mergeTimestampedLogs(stdout, stderr, lines);
    } catch (err) {
      throw this.cli.toConsoleError(
        err,
        'docker-logs-failed',
        `Reading the ${service} logs failed`,
      );
    }
  }

  // ---------------------------------------------------------------- internals

  private async detectCompose(signal?: AbortSignal): Promise<ComposeCommand> {
    this.compose ??= await this.cli.detectCompose(this.composePath, signal);
    return this.compose;
  }

  private reporter(ctx: ProgressContext, onProgress: (p: StackProgress) => void) {
    return (line: string): void => {
      const p = parseProgressLine(line, ctx);
      if (p) onProgress(p);
    };
  }

  private async runCompose(
    compose: ComposeCommand,
    ctx: RuntimeContext,
    args: string[],
    extra: RunOptions,
  ) {
    const file = join(ctx.filesDir, STACK_PATHS.compose);
    // Grafana's datasource reads the Prometheus password from its environment; the compose file
    // names the variable without a value, so compose passes it on from here and no file holds it.
    // Writing the stack files made it; `ps` or `down` before that must not create one.
    const password = (await prometheusClientAuth(ctx.dataDir))?.password ?? '';
    // An existing source's credential, which Grafana's datasource reads the same way.
    const sourceCredential = await new SecretStore(ctx.dataDir).given('source-credential');
    return this.cli.run(
      compose.file,
      [...compose.prefix, '-p', this.projectOf(ctx), '-f', file, ...args],
      ctx.signal,
      {
        ...extra,
        cwd: ctx.filesDir,
        env: {
          ...this.cli.env,
          [GRAFANA_PROMETHEUS_PASSWORD_ENV]: password,
          [GRAFANA_SOURCE_CREDENTIAL_ENV]: sourceCredential,
        },
      },
    );
  }

  /** Without a compose file (deleted by hand), remove what carries our project label. */
  private async removeByLabel(
    ctx: RuntimeContext,
    onProgress: (p: StackProgress) => void,
  ): Promise<void> {
    const all = await this.cli.containers(this.projectOf(ctx), ctx.signal);
    if (!all.length) return;
    for (const c of all) {
      const service = SERVICES.find((s) => s === c.service);
      if (service) onProgress({ service, phase: 'stopping', message: `Removing ${c.name}` });
    }
    await this.cli.docker(['rm', '-f', ...all.map((c) => c.name)], ctx.signal, {
      timeoutMs: DOWN_TIMEOUT_MS,
    });
  }

  private async upFailure(err: unknown, ctx: RuntimeContext, images: string[]): Promise<Error> {
    if (!(err instanceof CommandError) || err.code === 'command-aborted') {
      return err instanceof Error ? err : new Error(String(err));
    }
    if (err.code === 'command-not-found') {
      return this.cli.toConsoleError(err, 'compose-up-failed', 'Starting the stack failed');
    }
    if (isEngineUnreachable(err.stderrTail)) return engineError(err.stderrTail);
    const stderrTail = withoutTraceback(err.stderrTail);
    const reason = failureReason(err.stderrTail) || err.message;
    const missing = await this.cli.missingImages(images, ctx.signal).catch(() => []);
    if (missing.length) {
      const which =
        missing.length === 1 ? `image ${missing[0]} is` : `images ${missing.join(', ')} are`;
      return new CommandError({
        code: 'image-missing',
        message: `${which} not available locally and cannot be pulled: ${reason}`,
        fix: `Let Docker pull it once while online (docker pull ${missing.join(' && docker pull ')}), or set the image in Settings to one that \`docker images\` lists.`,
        command: err.command,
        exitCode: err.exitCode,
        stderrTail,
      });
    }
    const timedOut = err.code === 'command-timeout';
    return new CommandError({
      code: 'compose-up-failed',
      message: `Starting the stack failed: ${timedOut ? `no result within ${this.upTimeoutMs / 1000} s` : reason}`,
      fix: `Look at the service logs in Peak Watch, or run in ${ctx.filesDir}: ${err.command}`,
      command: err.command,
      exitCode: err.exitCode,
      stderrTail,
    });
  }

  /** A container can start and die a moment later (a taken port): catch that, with its log. */
  private async checkSettled(
    ctx: RuntimeContext,
    onProgress: (p: StackProgress) => void,
  ): Promise<void> {
    if (this.settleMs <= 0) return;
    await new Promise((r) => setTimeout(r, this.settleMs));
    const containers = await this.cli.containers(this.projectOf(ctx), ctx.signal);
    const failed: string[] = [];
    for (const service of SERVICES) {
      const c = pickContainer(containers, service);
      if (!c) continue;
      const status = serviceStatusOf(service, c, '');
      if ((status.state === 'running' && c.restartCount === 0) || status.state === 'starting')
        continue;
      const reason = crashReason(await this.logs(ctx, service, 30).catch(() => []));
      const state =
        status.state === 'running' ? 'keeps restarting' : (status.detail ?? status.state);
      const why = `${service} ${state}${reason ? `: ${reason}` : ''}`;
      onProgress({ service, phase: 'failed', message: why });
      failed.push(why);
    }
    if (failed.length) {
      throw new ConsoleError({
        code: 'compose-up-failed',
        message: `The stack started but did not stay up: ${failed.join('; ')}`,
        fix: 'A taken port is the usual cause: free it or change the port in Settings, then start again.',
      });
    }
  }
}

/** image → service, for progress lines that name the image rather than the service. */
function imagesByService(ctx: RuntimeContext, images: string[]): Record<string, ServiceName> {
  const map: Record<string, ServiceName> = {
    [ctx.settings.stack.prometheusImage]: 'prometheus',
    [ctx.settings.stack.grafanaImage]: 'grafana',
  };
  for (const image of images) {
    const service = SERVICES.find((s) => image.includes(s));
    if (service && !map[image]) map[image] = service;
  }
  return map;
}
