// Where settings, secrets and the stack live when no --data-dir is given: the platform's user
// data folder (XDG on Linux). The app, the web host and the CLI share it. A folder that cannot
// serve as one (a file, a read-only folder) is refused here with a sentence, before any process
// locks, writes or serves anything in it.
import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ConsoleError } from '../../shared/errors';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (env.PEAK_WATCH_DATA_DIR) return env.PEAK_WATCH_DATA_DIR;
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Peak Watch');
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Peak Watch');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'peak-watch');
}

/**
 * Makes `dir` the data folder: created when missing, refused with code 'data-dir' when it is a
 * file, sits below one, cannot be created, or (with `write`) cannot be written. Returns its
 * absolute path.
 */
export async function prepareDataDir(
  dir: string,
  opts: {
    write: boolean;
    /** How a person names another folder, for the fix: "--data-dir" (the CLI), an env var. */
    via?: string;
  },
): Promise<string> {
  const via = opts.via ?? '--data-dir';
  if (dir.trim() === '') {
    throw new ConsoleError({
      code: 'data-dir',
      message: 'the data folder is empty',
      fix: `Give a folder with ${via}, or unset PEAK_WATCH_DATA_DIR to use the default.`,
    });
  }
  const path = resolve(dir);
  keepWritesOursAlone();
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => err);
  if (info instanceof Error) {
    if (info.code !== 'ENOENT' && info.code !== 'ENOTDIR') throw cannotUse(path, info, via);
    // Private from the start: whoever can write here can choose what Peak Watch runs.
    const made = await mkdir(path, { recursive: true, mode: 0o700 }).then(
      () => null,
      (err: NodeJS.ErrnoException) => err,
    );
    if (made === null) {
      await refuseForeignControl(path, via);
      return path;
    }
    const file = await fileInTheWay(path);
    if (file) throw notAFolder(path, file, via);
    throw new ConsoleError({
      code: 'data-dir',
      message: `cannot create the data folder ${path}: ${reason(made)}`,
      fix: `Create it yourself (mkdir -p ${quote(path)}), or give a folder you can write with ${via}.`,
    });
  }
  if (!info.isDirectory()) throw notAFolder(path, path, via);
  await refuseForeignControl(path, via);
  if (opts.write) {
    const writable = await access(path, constants.W_OK | constants.X_OK).then(
      () => true,
      () => false,
    );
    if (!writable) {
      throw new ConsoleError({
        code: 'data-dir',
        message: `cannot write in the data folder ${path}: it is read-only for ${whoAmI()}`,
        fix: `chmod u+w ${quote(path)} if it is yours, or give a folder you can write with ${via}.`,
      });
    }
  }
  return path;
}

/**
 * What decides which program Peak Watch runs and with what: settings.json names binaries and
 * images, stack/ holds the compose file and Prometheus's config, native/ the state files that say
 * which process is ours to stop. Another user who can write any of them can make Peak Watch run a
 * program of theirs as this user, so each must be this user's and writable by no one else (as ssh
 * refuses a group-writable ~/.ssh). The shared files are read as regular files: a FIFO would hang
 * every command that opens it.
 */
// secrets/ is not here: it is narrowed to 0700 where found wider, and `doctor` says so.
const CONTROLLING = ['', 'settings.json', 'query-history.json', 'stack', 'native'];

/**
 * Everything this process creates is at most writable by its user (umask ⊇ 022), whatever umask
 * it was started with: under umask 000 the data folder's stack/ and native/ would come out 0777, and
 * the next start would rightly refuse them.
 */
function keepWritesOursAlone(): void {
  if (process.platform === 'win32') return;
  const was = process.umask(0o022);
  process.umask(was | 0o022);
}

async function refuseForeignControl(dataDir: string, via: string): Promise<void> {
  const uid = process.getuid?.();
  for (const name of CONTROLLING) {
    const path = name ? join(dataDir, name) : dataDir;
    // stat follows a symlinked settings.json to the file that is read and written.
    const info = await stat(path).catch(() => null);
    if (!info) continue;
    const what = name ? `${path} in the data folder` : `the data folder ${path}`;
    if (name.endsWith('.json') && !info.isFile()) {
      throw new ConsoleError({
        code: 'data-dir',
        message: `${what} is not a regular file`,
        fix: `Move ${quote(path)} out of the way; Peak Watch writes a new one.`,
      });
    }
    if (uid === undefined) continue; // Windows: ACLs, not modes; the folder is in the profile.
    if (info.uid !== uid) {
      throw new ConsoleError({
        code: 'data-dir',
        message: `${what} belongs to user id ${info.uid}, not to ${whoAmI()}: its owner could choose the programs Peak Watch runs as you`,
        fix: `Use a folder of your own with ${via}, or (if it should be yours) chown ${uid} ${quote(path)}.`,
      });
    }
    if ((info.mode & 0o022) !== 0) {
      throw new ConsoleError({
        code: 'data-dir',
        message: `${what} is writable by other users (mode ${(info.mode & 0o777).toString(8).padStart(4, '0')}): any of them could choose the programs Peak Watch runs as you`,
        fix: `chmod go-w ${quote(path)}`,
      });
    }
  }
}

/**
 * A file-system error on a path (EACCES on a lock's temporary file, ENOSPC …) as a sentence that
 * names the file and what to do; null for any other error. Code 'file-access'.
 */
export function describeFileError(err: unknown): ConsoleError | null {
  if (!(err instanceof Error) || !('code' in err) || !('path' in err)) return null;
  const { code, path, syscall } = err as NodeJS.ErrnoException;
  if (typeof path !== 'string' || typeof code !== 'string') return null;
  const what = `cannot ${VERBS[syscall ?? ''] ?? 'use'} ${path}: ${reason(err as NodeJS.ErrnoException)}`;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new ConsoleError({
        code: 'file-access',
        message: what,
        fix: `Let ${whoAmI()} read and write ${quote(dirname(path))} (ls -ld shows its owner and mode), or give another data folder with --data-dir.`,
      });
    case 'ENOSPC':
    case 'EDQUOT':
      return new ConsoleError({
        code: 'file-access',
        message: what,
        fix: 'Free some space on that disk, or give a data folder on another one with --data-dir.',
      });
    case 'EEXIST':
    case 'ENOTDIR':
    case 'EISDIR':
      return new ConsoleError({
        code: 'file-access',
        message: what,
        fix: `Move what is at ${quote(path)} out of the way, or give another data folder with --data-dir.`,
      });
    default:
      return null;
  }
}

const VERBS: Record<string, string> = {
  open: 'open',
  mkdir: 'create',
  rename: 'replace',
  unlink: 'remove',
  write: 'write',
  chmod: 'change the mode of',
  fchmod: 'change the mode of',
};

function notAFolder(path: string, file: string, via: string): ConsoleError {
  return new ConsoleError({
    code: 'data-dir',
    message:
      file === path
        ? `the data folder ${path} is a file, not a folder`
        : `cannot use ${path} as the data folder: ${file} is a file, not a folder`,
    fix: `Give a folder (new or existing) with ${via}, or move ${quote(file)} out of the way.`,
  });
}

function cannotUse(path: string, err: NodeJS.ErrnoException, via: string): ConsoleError {
  return new ConsoleError({
    code: 'data-dir',
    message: `cannot use the data folder ${path}: ${reason(err)}`,
    fix: `Check that ${whoAmI()} may open ${quote(path)}, or give another folder with ${via}.`,
  });
}

/** The nearest existing ancestor of `path` (or itself) when it is not a folder. */
async function fileInTheWay(path: string): Promise<string | null> {
  for (let p = path; ; p = dirname(p)) {
    const info = await stat(p).catch(() => null);
    if (info) return info.isDirectory() ? null : p;
    if (dirname(p) === p) return null;
  }
}

/** An errno in words: "permission denied", not "EACCES". */
function reason(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied for ${whoAmI()}`;
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'EEXIST':
      return 'something is already there';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOENT':
      return 'it does not exist';
    default:
      return err.code ? `the system refused (${err.code.toLowerCase()})` : err.message;
  }
}

function whoAmI(): string {
  try {
    return `user ${userInfo().username}`;
  } catch {
    return 'this user';
  }
}

function quote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
