// Prometheus's scrape targets, refreshed by whichever page shows them (never overlapping).
import { create } from 'zustand';
import type { ConsoleErrorInfo, ScrapeTarget } from '../../../shared/api';
import { getApi } from '../api/console-api';
import { configuredJob } from '../../../shared/dashboard';
import { findAppTarget, type HealthFilter } from '../lib/targets';
import { loader } from './load';
import { useSettingsStore } from './settings';
import { useSourceStore } from './source';
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

export const useTargetsStore = create<TargetsStore>()((set, get) => {
  const load = loader(
    set,
    get,
    { value: 'targets', error: 'error', busy: 'loading' },
    () => getApi().getTargets(),
    {
      onValue: () => ({ fetchedAt: Date.now() }),
      onError: (error) => {
        reReadStackIfPrometheusDied(error);
        // Old rows of an unreachable Prometheus would be a lie; the error says why there are none.
        return { targets: null, fetchedAt: Date.now() };
      },
    },
  );
  return {
    targets: null,
    error: null,
    loading: false,
    fetchedAt: null,
    filter: 'all',
    setFilter: (filter) => set({ filter }),
    async refresh() {
      if (get().loading) return;
      // A source without a targets API (Mimir; VictoriaMetrics when it does not scrape) was found
      // out once by the core; asking again on every refresh would only show the same error.
      if (!targetsAnswered()) {
        if (get().targets !== null || get().error !== null) set({ targets: null, error: null });
        return;
      }
      await load();
    },
  };
});

/**
 * A Prometheus that dies on its own sends no event: while the stack still says "running", an
 * unreachable one is the cue to re-read the stack's state (it then says "exited").
 */
function reReadStackIfPrometheusDied(error: ConsoleErrorInfo): void {
  const stack = useStackStore.getState();
  const prometheus = stack.status?.services.find((s) => s.name === 'prometheus');
  if (error.code === 'prometheus-unreachable' && prometheus?.state === 'running') {
    if (!stack.pending && !stack.status?.busy) void stack.load();
  }
}

function targetsAnswered(): boolean {
  const source = useSourceStore.getState().status;
  return !source || source.health !== 'up' || source.capabilities.targets.available;
}

/**
 * The app's job as the core chose it (Settings' override or the detected one); before the core's
 * source status arrives, the settings' own choice, so a set source.job is never shown as
 * peak_trade_web meanwhile.
 */
export const appJobOf = (
  status: { job: { effective: string } } | null | undefined,
  source: { job: string } | undefined,
): string => status?.job.effective || configuredJob(source);
export const useAppJob = () => {
  const status = useSourceStore((s) => s.status);
  const source = useSettingsStore((s) => s.view?.settings.source);
  return appJobOf(status, source);
};

/** The app job's target; null when Prometheus has none; undefined while not known. */
export const useAppTarget = () => {
  const job = useAppJob();
  return useTargetsStore((s) => (s.targets ? findAppTarget(s.targets, job) : undefined));
};
