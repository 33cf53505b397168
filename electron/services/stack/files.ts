// Writes the stack's folder from settings: compose file, Prometheus config (container and native
// variants), Grafana provisioning and dashboard, and the 0600 secrets. Each file is written
// atomically and only when its content changed, so a running stack is told to reload or recreate
// only for a real change (WrittenStackFiles says which).
import { chmod, mkdir, readFile, readdir, stat, unlink } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { compare, hash } from 'bcryptjs';
import { dirname, join, resolve } from 'node:path';
import { renderAlertRulesFile } from '../../../shared/alert-rules-file';
import { configuredJob } from '../../../shared/dashboard';
import { serializeGrafanaDashboard } from '../../../shared/grafana-dashboard';
import { writeFileAtomic } from '../fs-atomic';
import {
  receiversWithSecret,
  remoteWriteSecretCopy,
  remoteWriteSecretName,
} from '../remote-write/render';
import {
  INSTANCE_TOKEN_PREFIX,
  STACK_PATHS,
  instanceTokenPath,
  renderComposeFile,
  renderEnvFile,
  renderGrafanaDatasource,
  renderGrafanaProvider,
  renderInstancesFile,
  renderPrometheusConfig,
  renderPrometheusWebConfig,
  type StackFilesInput,
} from './files-render';
import { renderFullProfileFiles, retireFullProfileFiles } from './full/files';

export {
  COMPOSE_PROJECT,
  GRAFANA_HARDENING,
  PROMETHEUS_CORS_ORIGIN,
  EXTRA_JOB,
  GRAFANA_PROMETHEUS_PASSWORD_ENV,
  GRAFANA_SOURCE_CREDENTIAL_ENV,
  STACK_PATHS,
  renderComposeFile,
  renderEnvFile,
  renderGrafanaDatasource,
  renderGrafanaProvider,
  renderInstancesFile,
  renderPrometheusConfig,
  renderPrometheusWebConfig,
  instanceTokenPath,
  serverTarget,
  type PrometheusConfigOptions,
  type StackFilesInput,
} from './files-render';

/**
 * The compose project of a data folder: two folders never drive the same containers and volumes
 * (each has its own Grafana password). Derived from the folder's absolute path.
 */
export function composeProject(dataDir: string): string {
  return `peak-watch-${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 8)}`;
}

/**
 * What writing the files needs: the settings and secrets, the Prometheus password in clear (its
 * web config gets only the bcrypt hash; Grafana reads the password from its environment).
 */
export interface StackFilesSecrets extends StackFilesInput {
  prometheusPassword: string;
  /**
   * Each remote-write receiver's password or token by receiver id (secrets/remote-write-<id>):
   * the Docker Prometheus reads a 0640 copy in the mounted folder, as its own password's.
   */
  remoteWriteSecrets?: Readonly<Record<string, string>>;
}

/** bcrypt's cost: Prometheus checks it per request (and caches the outcome), so not higher. */
const BCRYPT_COST = 10;

/**
 * The hash for the web config: the one already written when it still matches the password (a
 * fresh salt on every write would rewrite the file, and reload Prometheus, for nothing).
 */
async function prometheusPasswordHash(dir: string, password: string): Promise<string> {
  const existing = await readIfExists(join(dir, ...STACK_PATHS.prometheusWebConfig.split('/')));
  const written = existing ? /:\s*"(\$2[aby]\$[^"]+)"/.exec(existing)?.[1] : undefined;
  if (written && (await compare(password, written))) return written;
  return hash(password, BCRYPT_COST);
}

export interface WrittenStackFiles {
  dir: string;
  /** Every file the folder now holds, relative to `dir` with / separators. */
  files: string[];
  /** The subset rewritten (or removed) by this call. */
  changed: string[];
  /** true when prometheus.yml, prometheus.native.yml, the alert rules or the token file changed */
  prometheusConfigChanged: boolean;
  composeChanged: boolean;
  /** true when the alert rules file changed (a reload applies it). */
  alertRulesChanged: boolean;
  /** An instance's token file that could not be read (left out of the container's config). */
  warnings: string[];
}

interface StackFile {
  path: string;
  content: string;
  mode: number;
}

const PRIVATE = 0o600;
const PUBLIC = 0o644;
// The server token is read by Prometheus, which in a container runs as another user (nobody):
// readable by the owner's group, which the container joins (compose `group_add`), and by no one
// else. Its folder likewise.
const GROUP_READABLE = 0o640;
const GROUP_FOLDER = 0o750;

export function renderStackFiles(dir: string, input: StackFilesInput): StackFile[] {
  // The rules and the Grafana dashboard watch the same job prometheus.yml labels the app with.
  const job = configuredJob(input.settings.source);
  const files: StackFile[] = [
    { path: STACK_PATHS.compose, content: renderComposeFile(input), mode: PUBLIC },
    { path: STACK_PATHS.env, content: renderEnvFile(input.grafanaPassword), mode: PRIVATE },
    {
      path: STACK_PATHS.prometheusConfig,
      content: renderPrometheusConfig(input, { forContainer: true }),
      mode: PUBLIC,
    },
    {
      path: STACK_PATHS.prometheusNativeConfig,
      content: renderPrometheusConfig(input, { forContainer: false, filesDir: dir }),
      mode: PUBLIC,
    },
    {
      path: STACK_PATHS.alertRules,
      content: renderAlertRulesFile(input.settings.alerts, job),
      mode: PUBLIC,
    },
    {
      path: STACK_PATHS.grafanaDatasource,
      content: renderGrafanaDatasource(input, { forContainer: true }),
      mode: PUBLIC,
    },
    {
      path: STACK_PATHS.grafanaProvider,
      content: renderGrafanaProvider('/etc/grafana/dashboards'),
      mode: PUBLIC,
    },
    {
      path: STACK_PATHS.grafanaNativeDatasource,
      content: renderGrafanaDatasource(input, { forContainer: false }),
      mode: PUBLIC,
    },
    {
      path: STACK_PATHS.grafanaNativeProvider,
      content: renderGrafanaProvider(join(dir, 'grafana', 'dashboards')),
      mode: PUBLIC,
    },
    { path: STACK_PATHS.dashboard, content: serializeGrafanaDashboard(job), mode: PUBLIC },
    // Not among PROMETHEUS_FILES: Prometheus re-reads them itself, a change needs no reload.
    { path: STACK_PATHS.instances, content: renderInstancesFile(input, true), mode: PUBLIC },
    {
      path: STACK_PATHS.instancesNative,
      content: renderInstancesFile(input, false),
      mode: PUBLIC,
    },
  ];
  files.push(...renderFullProfileFiles(input));
  for (const [tokenFile, content] of input.instanceTokens ?? []) {
    // Prometheus reads a credentials file on every scrape, so a changed copy needs no reload.
    files.push({ path: instanceTokenPath(tokenFile), content, mode: GROUP_READABLE });
  }
  if (input.serverToken !== null) {
    if (!/^[\x21-\x7e]+$/.test(input.serverToken)) {
      throw new Error('The server token must be printable ASCII without spaces.');
    }
    files.push({
      path: STACK_PATHS.serverToken,
      content: input.serverToken,
      mode: GROUP_READABLE,
    });
  }
  return files;
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Writes one file when its content differs; fixes its mode either way. Returns "changed". */
async function syncFile(dir: string, file: StackFile): Promise<boolean> {
  const target = join(dir, ...file.path.split('/'));
  if ((file.mode === PRIVATE || file.mode === GROUP_READABLE) && file.path.includes('/')) {
    // A secret's own folder is private too (nobody else may list it); its parents are not.
    const folderMode = file.mode === PRIVATE ? 0o700 : GROUP_FOLDER;
    await mkdir(dirname(dirname(target)), { recursive: true });
    await mkdir(dirname(target), { recursive: true, mode: folderMode });
    if (process.platform !== 'win32') await chmod(dirname(target), folderMode);
  } else {
    await mkdir(dirname(target), { recursive: true });
  }
  if ((await readIfExists(target)) === file.content) {
    if (process.platform !== 'win32' && ((await stat(target)).mode & 0o777) !== file.mode) {
      await chmod(target, file.mode);
    }
    return false;
  }
  await writeFileAtomic(target, file.content, file.mode);
  return true;
}

/** Copies of receivers' secrets no longer configured (a removed receiver): no secret lingers. */
async function removeStaleReceiverCopies(dir: string, keep: Set<string>): Promise<string[]> {
  const folder = join(dir, 'prometheus', 'secrets');
  const names = await readdir(folder).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  const removed: string[] = [];
  for (const name of names) {
    const path = `prometheus/secrets/${name}`;
    if (!name.startsWith(remoteWriteSecretName('')) || keep.has(path)) continue;
    await unlink(join(folder, name));
    removed.push(path);
  }
  return removed;
}

const PROMETHEUS_FILES = new Set<string>([
  STACK_PATHS.prometheusConfig,
  STACK_PATHS.prometheusNativeConfig,
  STACK_PATHS.alertRules,
  STACK_PATHS.serverToken,
]);

export async function writeStackFiles(
  dir: string,
  secrets: StackFilesSecrets,
): Promise<WrittenStackFiles> {
  const { prometheusPassword, remoteWriteSecrets, ...input } = secrets;
  if (!/^[\x21-\x7e]+$/.test(prometheusPassword)) {
    throw new Error('The Prometheus password must be printable ASCII without spaces.');
  }
  const { tokens, warnings } = await readInstanceTokens(input.settings.stack.instances);
  // Render everything first: a bad input must not leave a half-updated folder behind.
  const files = renderStackFiles(dir, { ...input, instanceTokens: tokens });
  files.push({
    path: STACK_PATHS.prometheusPassword,
    content: prometheusPassword,
    mode: GROUP_READABLE,
  });
  const receiverCopies = receiversWithSecret(input.settings)
    // A receiver whose secret is gone gets no copy: Prometheus then says it cannot read the file,
    // which the receiver's status shows, rather than sending an empty password.
    .filter((r) => remoteWriteSecrets?.[r.id])
    .map((r) => ({
      path: remoteWriteSecretCopy(r.id),
      content: remoteWriteSecrets?.[r.id] ?? '',
      mode: GROUP_READABLE,
    }));
  files.push(...receiverCopies);
  await mkdir(dir, { recursive: true });
  const changed: string[] = [];
  for (const file of files) {
    if (await syncFile(dir, file)) changed.push(file.path);
  }
  changed.push(
    ...(await removeStaleReceiverCopies(dir, new Set(receiverCopies.map((f) => f.path)))),
  );
  // The web config last: bcrypt is slow by design, and a client following a settings change
  // (another process) compares the files above with what it would write, so they land first.
  const webConfig: StackFile = {
    path: STACK_PATHS.prometheusWebConfig,
    content: renderPrometheusWebConfig(await prometheusPasswordHash(dir, prometheusPassword)),
    mode: PUBLIC,
  };
  files.push(webConfig);
  if (await syncFile(dir, webConfig)) changed.push(webConfig.path);
  if (input.serverToken === null) {
    // Back on loopback: a token left on disk would be a secret nobody uses.
    try {
      await unlink(join(dir, ...STACK_PATHS.serverToken.split('/')));
      changed.push(STACK_PATHS.serverToken);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  changed.push(...(await removeStaleTokenCopies(dir, files)));
  changed.push(...(await retireFullProfileFiles(dir, input.settings)));
  return {
    dir,
    files: files.map((f) => f.path),
    changed,
    prometheusConfigChanged: changed.some((p) => PROMETHEUS_FILES.has(p)),
    composeChanged: changed.includes(STACK_PATHS.compose),
    alertRulesChanged: changed.includes(STACK_PATHS.alertRules),
    warnings,
  };
}

/**
 * The instances' token files, read for the container's copies. One that cannot be read is named
 * in a warning and its instance stays out of the container's config; the rest are written.
 */
async function readInstanceTokens(
  instances: readonly { target: string; tokenFile: string }[],
): Promise<{ tokens: Map<string, string>; warnings: string[] }> {
  const tokens = new Map<string, string>();
  const warnings: string[] = [];
  for (const { target, tokenFile } of instances) {
    if (tokenFile === '' || tokens.has(tokenFile)) continue;
    try {
      tokens.set(tokenFile, await readFile(tokenFile, 'utf8'));
    } catch (err) {
      warnings.push(
        `The token file ${tokenFile} of instance ${target} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}), so the Docker stack does not scrape ${target}. Make the file readable, or remove the instance and add it again with another --token-file.`,
      );
    }
  }
  return { tokens, warnings };
}

/** A copy of a token no instance names any more is a secret nobody uses: it goes. */
async function removeStaleTokenCopies(dir: string, files: StackFile[]): Promise<string[]> {
  const folder = dirname(join(dir, ...STACK_PATHS.serverToken.split('/')));
  const kept = new Set(files.map((f) => f.path));
  const removed: string[] = [];
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const path = `prometheus/secrets/${name}`;
    if (!name.startsWith(INSTANCE_TOKEN_PREFIX) || kept.has(path)) continue;
    await unlink(join(folder, name));
    removed.push(path);
  }
  return removed;
}
