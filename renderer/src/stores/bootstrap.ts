// Start-up: load every domain, subscribe each store to its host events, and reload after the
// event stream comes back (events sent while it was down are lost).
import type { ConsoleApi } from '../../../shared/api';
import { useConnectionStore } from './connection';
import { usePreflightStore } from './preflight';
import { useServerStore } from './server';
import { useSettingsStore } from './settings';
import { useStackStore } from './stack';

function loadAll(): void {
  void useServerStore.getState().load();
  void useSettingsStore.getState().load();
  void useStackStore.getState().load();
  void useStackStore.getState().loadGrafana();
}

export function startConsole(api: ConsoleApi): () => void {
  const offs = [
    api.on('serverStatus', (s) => useServerStore.getState().setStatus(s)),
    api.on('settings', (v) => useSettingsStore.getState().setView(v)),
    api.on('stackStatus', (s) => useStackStore.getState().setStatus(s)),
    api.on('stackProgress', (p) => useStackStore.getState().addProgress(p)),
  ];
  let previous = useConnectionStore.getState().state;
  offs.push(
    useConnectionStore.subscribe(({ state }) => {
      if (state === 'open' && previous === 'lost') loadAll();
      previous = state;
    }),
  );
  loadAll();
  // The nav badge and the Start button's gate need a report before anyone opens Preflight.
  void usePreflightStore.getState().runAll();
  return () => offs.forEach((off) => off());
}
