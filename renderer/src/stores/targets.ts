// Prometheus's scrape targets, refreshed by whichever page shows them (never overlapping).
import { create } from 'zustand';
import { toErrorInfo, type ConsoleErrorInfo, type ScrapeTarget } from '../../../shared/api';
import { getApi } from '../api/console-api';
import { findAppTarget, type HealthFilter } from '../lib/targets';
import { useStackStore } from './stack';

interface TargetsStore {
  targets: ScrapeTarget[] | null;
  error: ConsoleErrorInfo | null;
  loading: boolean;
  fetchedAt: number | null;
  filter: HealthFilter;
  setFilter: (filter: HealthFilter) => void;
  refresh: () => Promise<void>;
}

export const useTargetsStore = create<TargetsStore>()((set, get) => ({
  targets: null,
  error: null,
  loading: false,
  fetchedAt: null,
  filter: 'all',
  setFilter: (filter) => set({ filter }),
  async refresh() {
    if (get().loading) return;
    set({ loading: true });
    try {
      const targets = await getApi().getTargets();
      set({ targets, error: null, loading: false, fetchedAt: Date.now() });
    } catch (err) {
      // Old rows of an unreachable Prometheus would be a lie; the error says why there are none.
      const error = toErrorInfo(err);
      set({ targets: null, error, loading: false, fetchedAt: Date.now() });
      // A Prometheus that dies on its own sends no event: while the stack still says "running",
      // an unreachable one is the cue to re-read the stack's state (it then says "exited").
      const stack = useStackStore.getState();
      const prometheus = stack.status?.services.find((s) => s.name === 'prometheus');
      if (error.code === 'prometheus-unreachable' && prometheus?.state === 'running') {
        if (!stack.pending && !stack.status?.busy) void stack.load();
      }
    }
  },
}));

/** peak_trade_web: the target; null when Prometheus has none; undefined while not known. */
export const useAppTarget = () =>
  useTargetsStore((s) => (s.targets ? findAppTarget(s.targets) : undefined));
