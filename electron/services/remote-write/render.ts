// The managed Prometheus's remote_write section and its secret files, rendered from
// settings.stack.remoteWrite. Pure, like files-render.ts (which appends this section), so every
// variant is tested without writing anything. A receiver's password or token is never written
// here: Prometheus reads it from a file (basic_auth.password_file, authorization.credentials_file)
// — the data folder's secret for the native runtime, a 0640 copy in the mounted
// prometheus/secrets/ folder for Docker, as the Prometheus password's copy is.
import { join } from 'node:path';
import {
  isLoopbackHost,
  type RemoteWriteReceiverSettings,
  type Settings,
} from '../../../shared/settings';

const q = (s: string): string => JSON.stringify(s);

/** The secret's name in the data folder (SecretStore) and its copy's name for Docker. */
export function remoteWriteSecretName(id: string): `remote-write-${string}` {
  return `remote-write-${id}`;
}

/** Where the Docker copy of a receiver's secret lives in the stack folder (posix separators). */
export function remoteWriteSecretCopy(id: string): string {
  return `prometheus/secrets/${remoteWriteSecretName(id)}`;
}

/** Receivers that send a credential (and so have a secret file). */
export function receiversWithSecret(settings: Settings): RemoteWriteReceiverSettings[] {
  return settings.stack.remoteWrite.filter((r) => r.auth !== 'none');
}

/**
 * The receiver's URL as the container sees it: Docker Desktop (macOS, Windows) containers reach
 * the host's loopback as host.docker.internal; Linux runs the container on the host network.
 */
export function urlFromContainer(url: string, forDesktopContainer: boolean): string {
  if (!forDesktopContainer) return url;
  const parsed = new URL(url);
  if (!isLoopbackHost(parsed.hostname.replace(/^\[|\]$/g, ''))) return url;
  parsed.hostname = 'host.docker.internal';
  return parsed.toString();
}

export interface RemoteWriteRenderOptions {
  /** The Docker variant: secrets are the copies beside prometheus.yml (relative paths). */
  forContainer: boolean;
  /** Docker Desktop: loopback receivers become host.docker.internal. */
  desktopContainer: boolean;
  /** Native: the data folder's secrets folder, which Prometheus (the same user) reads. */
  secretsDir: string;
}

/** The `remote_write:` lines (none without receivers), appended after scrape_configs. */
export function renderRemoteWrite(settings: Settings, opts: RemoteWriteRenderOptions): string[] {
  const receivers = settings.stack.remoteWrite;
  if (!receivers.length) return [];
  const lines = ['remote_write:'];
  for (const r of receivers) {
    const file = opts.forContainer
      ? `secrets/${remoteWriteSecretName(r.id)}`
      : join(opts.secretsDir, remoteWriteSecretName(r.id));
    lines.push(
      `  - url: ${q(urlFromContainer(r.url, opts.desktopContainer))}`,
      // The id names the queue: its metrics carry remote_name="<id>", which is how the status
      // finds this receiver's numbers whatever the URL looks like from inside a container.
      `    name: ${q(r.id)}`,
    );
    if (r.auth === 'basic') {
      lines.push(
        '    basic_auth:',
        `      username: ${q(r.user)}`,
        `      password_file: ${q(file)}`,
      );
    } else if (r.auth === 'bearer') {
      lines.push(
        '    authorization:',
        '      type: "Bearer"',
        `      credentials_file: ${q(file)}`,
      );
    }
  }
  return lines;
}

/** Prometheus's retention flags from settings (the same for native and compose). */
export function retentionFlags(settings: Settings): string[] {
  const { retentionTime, retentionSize } = settings.stack;
  return [
    `--storage.tsdb.retention.time=${retentionTime}`,
    ...(retentionSize ? [`--storage.tsdb.retention.size=${retentionSize}`] : []),
  ];
}
