// Start-up: load every domain, subscribe each store to its host events, and reload after the
// event stream comes back (events sent while it was down are lost).
import type { ConsoleApi } from '../../../shared/api';
import { findAppTarget } from '../lib/targets';
import { useAlertsStore } from './alerts';
import { useConnectionStore } from './connection';
import { usePreflightStore } from './preflight';
import { useServerStore } from './server';
import { useSettingsStore } from './settings';
import { useSourceStore } from './source';
import { useStackStore } from './stack';
import { appJobOf, useTargetsStore } from './targets';

/** What the console last saw of Prometheus and the app's target, for the checks that judge it. */
function targetKey(s: ReturnType<typeof useTargetsStore.getState>): string {
  if (s.error) return 'unreachable';
  if (!s.targets) return 'not-loaded';
  return (
    findAppTarget(
      s.targets,
      appJobOf(useSourceStore.getState().status, useSettingsStore.getState().view?.settings.source),
    )?.health ?? 'missing'
  );
}

function loadAll(): void {
  void useServerStore.getState().load();
  void useSettingsStore.getState().load();
  void useStackStore.getState().load();
  void useStackStore.getState().loadGrafana();
  void useAlertsStore.getState().load();
  void useSourceStore.getState().load();
}

export function startConsole(api: ConsoleApi): () => void {
  const offs = [
    api.on('serverStatus', (s) => useServerStore.getState().setStatus(s)),
    api.on('settings', (v) => useSettingsStore.getState().setView(v)),
    api.on('stackStatus', (s) => useStackStore.getState().setStatus(s)),
    api.on('stackProgress', (p) => useStackStore.getState().addProgress(p)),
    api.on('preflight', (r) => usePreflightStore.getState().merge(r)),
    api.on('alerts', (v) => useAlertsStore.getState().setView(v)),
    api.on('alertNotification', (n) => useAlertsStore.getState().notify(n)),
    api.on('source', (s) => useSourceStore.getState().setStatus(s)),
  ];
  let previous = useConnectionStore.getState().state;
  offs.push(
    useConnectionStore.subscribe(({ state }) => {
      if (state === 'open' && previous === 'lost') loadAll();
      previous = state;
    }),
  );
  // The badge follows what the pages see: Prometheus lists its target only a few seconds after
  // a start, and may die later; re-run the two checks that judge that when it changes (an
  // unscraped target is left to its first scrape).
  let lastTarget = targetKey(useTargetsStore.getState());
  offs.push(
    useTargetsStore.subscribe((s) => {
      const key = targetKey(s);
      if (key === lastTarget || key === 'not-loaded' || key === 'unknown') return;
      const preflight = usePreflightStore.getState();
      if (!preflight.report || preflight.running) return; // tried again on the next update
      lastTarget = key;
      void preflight.runOne('prometheus-ready');
      void preflight.runOne('scrape-target');
    }),
  );
  // A new source (or one that went down or came back) changes which checks apply and what they
  // see: the badge follows it, as it follows the stack.
  let lastSource = '';
  offs.push(
    useSourceStore.subscribe(({ status }) => {
      if (!status) return;
      const key = `${status.kind}|${status.url}|${status.health}`;
      if (key === lastSource) return;
      const first = lastSource === '';
      lastSource = key;
      const preflight = usePreflightStore.getState();
      if (!first && preflight.report && !preflight.running) void preflight.runAll();
    }),
  );
  loadAll();
  // The nav badge needs a report before anyone opens Preflight.
  void usePreflightStore.getState().runAll();
  return () => offs.forEach((off) => off());
}
