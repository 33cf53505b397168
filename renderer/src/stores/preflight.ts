// The preflight report: run in full at start-up and when the page opens; single checks re-run
// and merge in place, as do the checks the core re-runs after a settings or stack change.
import { create } from 'zustand';
import { toErrorInfo, type ConsoleErrorInfo, type PreflightReport } from '../../../shared/api';
import type { PreflightCheckId } from '../../../shared/preflight-ids';
import { getApi } from '../api/console-api';
import { mergeReport } from '../lib/preflight';
import { loader } from './load';

interface PreflightStore {
  report: PreflightReport | null;
  error: ConsoleErrorInfo | null;
  running: boolean;
  /** Ids of single checks re-running now. */
  rerunning: Record<string, boolean>;
  checkErrors: Record<string, ConsoleErrorInfo>;
  runAll: () => Promise<void>;
  runOne: (id: PreflightCheckId) => Promise<void>;
  /** Folds in checks the core re-ran after a change (the `preflight` event). */
  merge: (partial: PreflightReport) => void;
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

export const usePreflightStore = create<PreflightStore>()((set, get) => ({
  report: null,
  error: null,
  running: false,
  rerunning: {},
  checkErrors: {},
  runAll: loader(
    set,
    get,
    { value: 'report', error: 'error', busy: 'running' },
    () => getApi().runPreflight(),
    // A full report answers every check: the single re-runs' failures are stale.
    { onValue: () => ({ checkErrors: {} }) },
  ),
  merge(partial) {
    set({ report: mergeReport(get().report, partial) });
  },
  async runOne(id) {
    if (get().rerunning[id]) return;
    set({ rerunning: { ...get().rerunning, [id]: true } });
    const otherErrors = without(get().checkErrors, id);
    try {
      const partial = await getApi().runPreflight({ only: id });
      set({ report: mergeReport(get().report, partial), checkErrors: otherErrors });
    } catch (err) {
      set({ checkErrors: { ...otherErrors, [id]: toErrorInfo(err) } });
    } finally {
      set({ rerunning: without(get().rerunning, id) });
    }
  },
}));

export const usePreflightReport = () => usePreflightStore((s) => s.report);
