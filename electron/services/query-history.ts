// Explore's query history: <dataDir>/query-history.json, newest first, capped. Running a query
// again moves it to the top instead of adding a copy. Each add re-reads the file before
// writing it (atomically), so the app and a web console on the same data folder both add to
// one history; a corrupt file is started afresh rather than breaking Explore.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { QueryHistoryEntry } from '../../shared/api';
import { writeFileAtomic } from './fs-atomic';

export const HISTORY_CAP = 200;
const FILE = 'query-history.json';

function isEntry(v: unknown): v is QueryHistoryEntry {
  const e = v as Partial<QueryHistoryEntry> | null;
  return !!e && typeof e.query === 'string' && typeof e.lastRunAt === 'string';
}

export class QueryHistory {
  private readonly file: string;
  /** Adds run one after another, so two quick runs never drop each other's entry. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly cap = HISTORY_CAP,
  ) {
    this.file = join(dataDir, FILE);
  }

  private async read(): Promise<QueryHistoryEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
    } catch {
      return [];
    }
  }

  /** Newest first; with `search`, only queries containing it (case-insensitive). */
  async list(search?: string, limit = this.cap): Promise<QueryHistoryEntry[]> {
    const all = await this.read();
    const needle = search?.trim().toLowerCase();
    const found = needle ? all.filter((e) => e.query.toLowerCase().includes(needle)) : all;
    return found.slice(0, limit);
  }

  /** Records a run of `query` (trimmed) at `now`; returns the history after it. */
  add(query: string, now = new Date()): Promise<QueryHistoryEntry[]> {
    const run = async (): Promise<QueryHistoryEntry[]> => {
      const text = query.trim();
      const rest = (await this.read()).filter((e) => e.query !== text);
      const next = [{ query: text, lastRunAt: now.toISOString() }, ...rest].slice(0, this.cap);
      await writeFileAtomic(this.file, `${JSON.stringify(next, null, 1)}\n`);
      return next;
    };
    const done = this.queue.then(run, run);
    this.queue = done.catch(() => undefined);
    return done;
  }
}
