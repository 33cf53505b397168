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
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => err);
  if (info instanceof Error) {
    if (info.code !== 'ENOENT' && info.code !== 'ENOTDIR') throw cannotUse(path, info, via);
    const made = await mkdir(path, { recursive: true }).then(
      () => null,
      (err: NodeJS.ErrnoException) => err,
    );
    if (made === null) return path;
    const file = await fileInTheWay(path);
    if (file) throw notAFolder(path, file, via);
    throw new ConsoleError({
      code: 'data-dir',
      message: `cannot create the data folder ${path}: ${reason(made)}`,
      fix: `Create it yourself (mkdir -p ${quote(path)}), or give a folder you can write with ${via}.`,
    });
  }
  if (!info.isDirectory()) throw notAFolder(path, path, via);
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
