// Writing a file so that a reader never sees half of it and a crash or power cut never leaves an
// empty one: temp file in the same folder, fsync it, rename, then fsync the folder so the rename
// itself is on disk (ext4 and APFS may otherwise keep the old name after a crash).
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import {
  access,
  chmod,
  lstat,
  open,
  readdir,
  readlink,
  rename,
  stat,
  unlink,
} from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** Random bytes in a temp file's name: `<file>.<2 × this many hex digits>.tmp`. */
const TEMP_NAME_BYTES = 4;

/**
 * A temp file untouched for this long is a write that died (kill -9, power cut): a live
 * writeFileAtomic writes its temp once and renames it within the time of one write and fsync.
 */
export const STALE_TEMP_MS = 60_000;

export async function writeFileAtomic(file: string, content: string, mode = 0o644): Promise<void> {
  const tmp = `${file}.${randomBytes(TEMP_NAME_BYTES).toString('hex')}.tmp`;
  try {
    const handle = await open(tmp, 'w', mode);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // open's mode is masked by umask; secrets must end up exactly 0600.
    await chmod(tmp, mode);
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await syncFolder(dirname(file));
}

/**
 * Removes what writeFileAtomic leaves of `file` when its process dies between creating the temp
 * file and renaming it: the `<file>.<hex>.tmp` siblings whose last change is older than
 * STALE_TEMP_MS. The caller holds a guarantee that no writer of `file` is mid-write (it says
 * which); the age keeps even a writer outside that guarantee safe. Best effort: a leftover that
 * cannot be removed only takes space, so it never fails the caller. Returns the paths removed.
 */
export async function removeStaleTemps(file: string, now = Date.now()): Promise<string[]> {
  const dir = dirname(file);
  const name = basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const temp = new RegExp(`^${name}\\.[0-9a-f]{${TEMP_NAME_BYTES * 2}}\\.tmp$`);
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const entry of names.filter((n) => temp.test(n))) {
    const path = join(dir, entry);
    // lstat: a symlink or folder with this name is not a temp file this code made.
    const info = await lstat(path).catch(() => null);
    if (!info?.isFile() || now - info.mtimeMs < STALE_TEMP_MS) continue;
    const gone = await unlink(path).then(
      () => true,
      () => false,
    );
    if (gone) removed.push(path);
  }
  return removed;
}

/** fsync a folder so a rename in it survives a crash. Windows cannot open a folder: skipped. */
export async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The file a write to `file` must replace: `file` itself, or, when it is a symlink (a settings
 * file kept in a dotfiles repository), the file at the end of the link — so the link stays.
 */
export async function linkTarget(file: string): Promise<string> {
  let path = file;
  // 40: the kernel's own limit on links followed in one path (ELOOP).
  for (let hop = 0; hop < 40; hop++) {
    const info = await lstat(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (!info?.isSymbolicLink()) return path;
    path = resolve(dirname(path), await readlink(path));
  }
  throw Object.assign(new Error(`${file}: too many levels of symbolic links`), { code: 'ELOOP' });
}

/** Why `file` (which may not exist yet) cannot be replaced, or null when it can. */
export async function notWritable(
  file: string,
): Promise<{ path: string; kind: 'file' | 'folder'; mode: number } | null> {
  // Renaming over a file needs only its folder to be writable, and root may write anything:
  // the mode bits are checked as well, so a file someone made read-only stays as it is.
  for (const [path, kind] of [
    [file, 'file'],
    [dirname(file), 'folder'],
  ] as const) {
    const info = await stat(path).catch(() => null);
    if (!info) continue;
    const writable = await access(path, constants.W_OK).then(
      () => true,
      () => false,
    );
    if (!writable || (info.mode & 0o222) === 0) return { path, kind, mode: info.mode & 0o777 };
  }
  return null;
}
