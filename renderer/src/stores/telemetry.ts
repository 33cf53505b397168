// The OTLP receiver's status (endpoint, kept and dropped counts, memory), loaded when a page that
// shows it mounts and then kept current by the core's `telemetry` event. The event also drives
// the Logs page's live tail and the Traces list's refresh (their stores subscribe here).
import { useEffect } from 'react';
import { create } from 'zustand';
import type { ConsoleErrorInfo } from '../../../shared/api';
import type { TelemetryStatus } from '../../../shared/contract/telemetry';
import { getApi } from '../api/console-api';
import { loader } from './load';

interface TelemetryStore {
  status: TelemetryStatus | null;
  error: ConsoleErrorInfo | null;
  loading: boolean;
  load: () => Promise<void>;
  setStatus: (status: TelemetryStatus) => void;
}

export const useTelemetryStore = create<TelemetryStore>()((set, get) => ({
  status: null,
  error: null,
  loading: false,
  load: loader(set, get, { value: 'status', error: 'error', busy: 'loading' }, () =>
    getApi().getTelemetryStatus(),
  ),
  setStatus: (status) => set({ status, error: null }),
}));

let subscribers = 0;
let unsubscribe: (() => void) | null = null;

/**
 * Loads the status and follows the event while a component that needs it is mounted (several
 * may be: one subscription, counted). Returns nothing; read the store.
 */
export function useTelemetryFeed(): void {
  useEffect(() => {
    subscribers += 1;
    if (subscribers === 1) {
      unsubscribe = getApi().on('telemetry', (s) => useTelemetryStore.getState().setStatus(s));
    }
    void useTelemetryStore.getState().load();
    return () => {
      subscribers -= 1;
      if (subscribers === 0) {
        unsubscribe?.();
        unsubscribe = null;
      }
    };
  }, []);
}

/** Receiving now: a page shows the data; otherwise it says the receiver is off. */
export const receiverListening = (s: TelemetryStatus | null): boolean => Boolean(s?.listening);
