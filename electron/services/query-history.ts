// Explore's query history: <dataDir>/query-history.json, newest first, capped. Running a query
// again moves it to the top instead of adding a copy. The app, a web console and the CLI may
// share the folder, so an add is read-merge-write under the data folder's lock: what another
// process added meanwhile is kept. A file that is not a history (hand edit, disk trouble) is never
// dropped: reading shows a warning and leaves it; the next add keeps its bytes aside, named with
// the time, and says where in a warning that Explore shows beside the history.
import { copyFile, mkdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConsoleError, type QueryHistoryEntry, type QueryHistoryView } from '../../shared/api';
import { withFileLock } from './file-lock';
import { linkTarget, notWritable, removeStaleTemps, writeFileAtomic } from './fs-atomic';
import { parseJsonText } from './json-text';
import { DATA_LOCK_FILE } from './settings-store';

export const HISTORY_CAP = 200;
export const HISTORY_FILE = 'query-history.json';

function isEntry(v: unknown): v is QueryHistoryEntry {
  const e = v as Partial<QueryHistoryEntry> | null;
  return !!e && typeof e.query === 'string' && typeof e.lastRunAt === 'string';
}

type HistoryRead =
  | { kind: 'missing' }
  | { kind: 'ok'; entries: QueryHistoryEntry[] }
  /** Usable in part (`entries`), or not at all: its bytes are kept aside before a write. */
  | { kind: 'damaged'; entries: QueryHistoryEntry[]; problem: string };

export class QueryHistory {
  private readonly file: string;
  private readonly lockFile: string;
  /** What this process did about a damaged file (where it kept it), shown for the run. */
  private readonly warnings: string[] = [];

  constructor(
    private readonly dataDir: string,
    private readonly cap = HISTORY_CAP,
  ) {
    this.file = join(dataDir, HISTORY_FILE);
    this.lockFile = join(dataDir, DATA_LOCK_FILE);
  }

  private async read(): Promise<HistoryRead> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      throw new ConsoleError({
        code: 'history-unreadable',
        message: `Cannot read ${this.file}: ${(err as Error).message}`,
        fix: 'Check the permissions of the data folder.',
      });
    }
    const parsed = parseJsonText(text);
    if (!parsed.ok) {
      const { line, column } = parsed.position;
      return {
        kind: 'damaged',
        entries: [],
        problem: `${HISTORY_FILE} line ${line}, column ${column}: not valid JSON (${parsed.reason})`,
      };
    }
    if (!Array.isArray(parsed.value)) {
      return { kind: 'damaged', entries: [], problem: `${HISTORY_FILE} is not a list of queries` };
    }
    const entries = parsed.value.filter(isEntry);
    const skipped = parsed.value.length - entries.length;
    return skipped === 0
      ? { kind: 'ok', entries }
      : {
          kind: 'damaged',
          entries,
          problem: `${HISTORY_FILE}: ${skipped} of its ${parsed.value.length} entries are not a query with its time`,
        };
  }

  /** Newest first; with `search`, only queries containing it (case-insensitive). Never writes. */
  async list(search?: string, limit = this.cap): Promise<QueryHistoryView> {
    const read = await this.read();
    const all = read.kind === 'missing' ? [] : read.entries;
    const needle = search?.trim().toLowerCase();
    const found = needle ? all.filter((e) => e.query.toLowerCase().includes(needle)) : all;
    const warnings = [...this.warnings];
    if (read.kind === 'damaged') {
      warnings.push(
        `${read.problem}. ${read.entries.length ? 'The readable queries are shown' : 'No past query is shown'}; the next query run keeps the file as it is now aside (${HISTORY_FILE}.corrupt-<time>) and writes a new one.`,
      );
    }
    return { entries: found.slice(0, limit), warnings };
  }

  /** Records a run of `query` (trimmed) at `now`; returns the history after it. */
  async add(query: string, now = new Date()): Promise<QueryHistoryView> {
    const text = query.trim();
    await mkdir(this.dataDir, { recursive: true });
    // Callers in this process queue inside withFileLock; other processes wait on the file.
    const entries = await withFileLock(this.lockFile, { purpose: HISTORY_FILE }, async () => {
      const target = await linkTarget(this.file);
      const blocked = await notWritable(target);
      if (blocked) {
        throw new ConsoleError({
          code: 'history-read-only',
          message: `The query was not added to the history: ${blocked.path} is read-only (mode ${blocked.mode.toString(8).padStart(4, '0')}).`,
          fix: `Make it writable (chmod u+w ${blocked.path}) to keep a history again.`,
        });
      }
      // Every write of the history is this one, under the data folder's lock, so no writer of it
      // is mid-write now: a temp beside it is a write that was killed. The age check still spares
      // one whose writer went around the lock (a lock file deleted by hand).
      await removeStaleTemps(target);
      const read = await this.read();
      if (read.kind === 'damaged') await this.keepAside(target, read);
      const rest = (read.kind === 'missing' ? [] : read.entries).filter((e) => e.query !== text);
      const next = [{ query: text, lastRunAt: now.toISOString() }, ...rest].slice(0, this.cap);
      const mode = await stat(target).then(
        (s) => s.mode & 0o777,
        () => 0o644,
      );
      await writeFileAtomic(target, `${JSON.stringify(next, null, 1)}\n`, mode);
      return next;
    });
    return { entries, warnings: [...this.warnings] };
  }

  /** Under the lock: the damaged file's bytes go beside it, named with the time, before a write. */
  private async keepAside(
    target: string,
    read: Extract<HistoryRead, { kind: 'damaged' }>,
  ): Promise<void> {
    const aside = `${target}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    // Entries that could be read stay in the new file, so the old one is copied, not moved.
    if (read.entries.length) await copyFile(target, aside);
    else await rename(target, aside);
    this.warnings.push(
      `${read.problem}. It was kept as ${aside}${read.entries.length ? `; the ${read.entries.length} readable queries stay in the history` : ' and a new history was started'}.`,
    );
  }
}
