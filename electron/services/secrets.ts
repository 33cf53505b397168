// Secrets generated once per install and kept in the data folder with mode 0600: the Grafana
// admin password, the managed Prometheus's basic-auth password (its web config holds only the
// bcrypt hash) and the bearer token the embedded server requires off loopback. They are never
// written into settings, a compose file, a dashboard or a log line. Generation happens under the
// data folder's lock, so two processes reading a secret for the first time get the same one.
//
// Another user on the machine is kept out: a secret file wider than 0600, or its folder wider
// than 0700, is narrowed on sight and remembered for `doctor`; a secret or secrets folder that is
// a symbolic link is refused, never followed (it could point at that user's file, whose text
// would then be copied into stack/.env as the password).
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { ConsoleError, type ConsoleErrorInfo } from '../../shared/errors';
import { withFileLock } from './file-lock';
import { writeFileAtomic } from './fs-atomic';
import { DATA_LOCK_FILE } from './settings-store';

/** Secrets Peak Watch generates for itself (once, then cached). */
export type GeneratedSecretName = 'grafana-admin-password' | 'prometheus-password' | 'server-token';
/**
 * Secrets a person gives (docs/SOURCES.md): an existing source's password or token, a
 * remote-write receiver's. Another process may replace them at any time, so they are never cached.
 */
export type GivenSecretName = 'source-credential' | `remote-write-${string}`;
export type SecretName = GeneratedSecretName | GivenSecretName;

/** What `doctor` says of the secrets: modes narrowed, links refused. */
export interface SecretsAudit {
  /** Secret files in the folder (0 when none was generated yet). */
  files: number;
  /** "secrets/x was 0644 (readable by other users); now 0600", this run. */
  fixed: string[];
  /** What is refused (a symbolic link, not a plain file), each with its fix. */
  refused: ConsoleErrorInfo[];
}

const FILE_MODE = 0o600;
const FOLDER_MODE = 0o700;
// Windows has no O_NOFOLLOW (and no mode bits to narrow); lstat guards the links there.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
// A FIFO planted as a secret must not block the read forever.
const NON_BLOCK = constants.O_NONBLOCK ?? 0;
const DIRECTORY = constants.O_DIRECTORY ?? 0;

export class SecretStore {
  private readonly cache = new Map<SecretName, string>();
  /** What was narrowed in this process, for `doctor` (a read may fix a mode before it runs). */
  private readonly fixed = new Set<string>();

  constructor(private readonly dataDir: string) {}

  get dir(): string {
    return join(this.dataDir, 'secrets');
  }

  path(name: SecretName): string {
    return join(this.dir, name);
  }

  /** Returns the secret, generating and storing it on first use. */
  async get(name: GeneratedSecretName): Promise<string> {
    const cached = this.cache.get(name) ?? (await this.read(name));
    if (cached) {
      this.cache.set(name, cached);
      return cached;
    }
    await mkdir(this.dataDir, { recursive: true });
    const value = await withFileLock(
      join(this.dataDir, DATA_LOCK_FILE),
      { purpose: `the ${name} secret` },
      async () => {
        // Another process may have generated it while we waited for the lock.
        const existing = await this.read(name);
        if (existing) return existing;
        const fresh = randomBytes(24).toString('base64url');
        await mkdir(this.dir, { recursive: true, mode: FOLDER_MODE });
        // mkdir's mode is masked by umask, and a folder that was there keeps its own.
        await this.checkFolder();
        await writeFileAtomic(this.path(name), fresh + '\n', FILE_MODE);
        return fresh;
      },
    );
    this.cache.set(name, value);
    return value;
  }

  /** The secret if it exists, '' if not: for readers, which must not create one. */
  async peek(name: SecretName): Promise<string> {
    const value = this.cache.get(name) ?? (await this.read(name));
    if (value) this.cache.set(name, value);
    return value;
  }

  /** A given secret as it is on disk now ('' when none): never cached, another client may set it. */
  async given(name: GivenSecretName): Promise<string> {
    return this.read(name);
  }

  /** Stores a given secret (0600, atomically, under the data folder's lock). */
  async set(name: GivenSecretName, value: string): Promise<void> {
    // eslint-disable-next-line no-control-regex -- a control character breaks an HTTP header.
    if (!/^[^\u0000-\u001f\u007f]+$/.test(value)) {
      throw new ConsoleError({
        code: 'secret-invalid',
        message: 'A password or token is one line of text without control characters.',
        fix: 'Paste it again without a line break.',
      });
    }
    await mkdir(this.dataDir, { recursive: true });
    await withFileLock(
      join(this.dataDir, DATA_LOCK_FILE),
      { purpose: `the ${name} secret` },
      async () => {
        await mkdir(this.dir, { recursive: true, mode: FOLDER_MODE });
        await this.checkFolder();
        await writeFileAtomic(this.path(name), value + '\n', FILE_MODE);
      },
    );
  }

  /** Removes a given secret; a missing one is fine. */
  async remove(name: GivenSecretName): Promise<void> {
    if (!(await this.checkFolder())) return;
    await rm(this.path(name), { force: true });
  }

  /** Every file in the secrets folder checked (and narrowed) now, plus what reads fixed before. */
  async audit(): Promise<SecretsAudit> {
    const refused: ConsoleErrorInfo[] = [];
    let names: string[] = [];
    try {
      if (await this.checkFolder()) names = await readdir(this.dir);
    } catch (err) {
      refused.push(toInfo(err));
    }
    let files = 0;
    for (const name of names) {
      try {
        const handle = await this.openSecret(join(this.dir, name));
        await handle?.close();
        files++;
      } catch (err) {
        refused.push(toInfo(err));
      }
    }
    return { files, fixed: [...this.fixed], refused };
  }

  private async read(name: SecretName): Promise<string> {
    if (!(await this.checkFolder())) return '';
    const handle = await this.openSecret(this.path(name));
    if (!handle) return '';
    try {
      return (await handle.readFile('utf8')).trim();
    } finally {
      await handle.close();
    }
  }

  /** False when there is no secrets folder yet; throws when it is a link or not a folder. */
  private async checkFolder(): Promise<boolean> {
    const info = await lstat(this.dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (!info) return false;
    if (info.isSymbolicLink()) throw refusedLink(this.dir, 'folder');
    if (!info.isDirectory()) throw notPlain(this.dir, 'a folder');
    if (isWide(info.mode)) {
      // Through a handle opened without following links: a link swapped in after the lstat is
      // refused by the open, not chmod-ed through.
      const handle = await open(this.dir, constants.O_RDONLY | NO_FOLLOW | DIRECTORY);
      try {
        await handle.chmod(FOLDER_MODE);
      } finally {
        await handle.close();
      }
      this.noteFixed(this.dir, info.mode, FOLDER_MODE);
    }
    return true;
  }

  /** The secret's file opened without following a link and narrowed to 0600; null when absent. */
  private async openSecret(path: string): Promise<FileHandle | null> {
    let handle: FileHandle;
    try {
      if (!NO_FOLLOW && (await lstat(path)).isSymbolicLink()) throw refusedLink(path, 'file');
      handle = await open(path, constants.O_RDONLY | NO_FOLLOW | NON_BLOCK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      // O_NOFOLLOW on a link: ELOOP on Linux, EMLINK on FreeBSD.
      if (code === 'ELOOP' || code === 'EMLINK') throw refusedLink(path, 'file');
      throw err;
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw notPlain(path, 'a plain file');
      if (isWide(info.mode)) {
        await handle.chmod(FILE_MODE);
        this.noteFixed(path, info.mode, FILE_MODE);
      }
      return handle;
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  private noteFixed(path: string, mode: number, now: number): void {
    const rel = path.slice(this.dataDir.length + 1);
    const could = mode & 0o044 ? 'read' : 'reach';
    this.fixed.add(`${rel} was ${octal(mode)} (other users could ${could} it); now ${octal(now)}`);
  }
}

/** Bits for group or others; Windows has none to narrow. */
function isWide(mode: number): boolean {
  return process.platform !== 'win32' && (mode & 0o077) !== 0;
}

function toInfo(err: unknown): ConsoleErrorInfo {
  if (err instanceof ConsoleError) return err.toInfo();
  const e = err as NodeJS.ErrnoException;
  return {
    code: 'secret-unreadable',
    message: e.message,
    fix: 'Check that the secrets folder and its files belong to you.',
  };
}

function octal(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}

function refusedLink(path: string, kind: 'file' | 'folder'): ConsoleError {
  return new ConsoleError({
    code: 'secret-unsafe',
    message: `${path} is a symbolic link; Peak Watch does not follow a link for a secret (it could point at another user's file)`,
    fix:
      kind === 'file'
        ? `Remove the link (rm ${path}); Peak Watch then generates a new secret in its place.`
        : `Remove the link (rm ${path}) and let Peak Watch make the folder, or move the real folder there (mv <target> ${path}).`,
  });
}

function notPlain(path: string, what: string): ConsoleError {
  return new ConsoleError({
    code: 'secret-unsafe',
    message: `${path} is not ${what}; a secret is read from a plain file in a plain folder only`,
    fix: `Move ${path} out of the way; Peak Watch then generates a new secret in its place.`,
  });
}
