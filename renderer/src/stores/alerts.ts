// The Alerts page's data as the core pushes it (`alerts` events), and the browser's own
// notifications: asked for only when the person clicks the button, never on their own.
import { create } from 'zustand';
import type { AlertNotification, AlertsView, ConsoleErrorInfo } from '../../../shared/api';
import { getApi, isElectronHost } from '../api/console-api';
import { navigate } from '../hooks/useRoute';
import { notificationText } from '../lib/alerts';
import { loader } from './load';

export type NotifyPermission = 'unsupported' | 'default' | 'granted' | 'denied' | 'electron';

function currentPermission(): NotifyPermission {
  // In the desktop app, main shows Electron notifications from the same event.
  if (isElectronHost()) return 'electron';
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

interface AlertsStore {
  view: AlertsView | null;
  error: ConsoleErrorInfo | null;
  permission: NotifyPermission;
  /** The last notifications (newest first), shown on the page too. */
  recent: AlertNotification[];
  load: () => Promise<void>;
  setView: (view: AlertsView) => void;
  notify: (n: AlertNotification) => void;
  askPermission: () => Promise<void>;
}

export const useAlertsStore = create<AlertsStore>()((set, get) => ({
  view: null,
  error: null,
  permission: currentPermission(),
  recent: [],
  load: loader(set, get, { value: 'view', error: 'error' }, () => getApi().getAlerts()),
  setView: (view) => set({ view, error: null }),
  notify(n) {
    set({ recent: [n, ...get().recent].slice(0, 5) });
    if (get().permission !== 'granted') return;
    const { title, body } = notificationText(n);
    const shown = new Notification(title, { body, tag: `${n.rule}:${n.state}` });
    shown.onclick = () => {
      window.focus();
      navigate('alerts');
      shown.close();
    };
  },
  async askPermission() {
    if (typeof Notification === 'undefined') return;
    set({ permission: await Notification.requestPermission() });
  },
}));

export const useFiringCount = () => useAlertsStore((s) => s.view?.firing ?? 0);
