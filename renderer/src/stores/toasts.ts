// Short confirmations and failures of one-off actions ("Copied", "server restarted on :8001").
import { create } from 'zustand';

export interface Toast {
  id: number;
  tone: 'ok' | 'info' | 'error';
  message: string;
  detail?: string;
}

interface ToastState {
  toasts: Toast[];
  push: (tone: Toast['tone'], message: string, detail?: string) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;
const LIFETIME_MS = { ok: 3500, info: 5000, error: 9000 } as const;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  push(tone, message, detail) {
    const id = nextId++;
    const toast: Toast = { id, tone, message, ...(detail ? { detail } : {}) };
    set({ toasts: [...get().toasts.slice(-3), toast] });
    setTimeout(() => get().dismiss(id), LIFETIME_MS[tone]);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

/** For code outside React: toast('ok', 'Copied'). */
export function toast(tone: Toast['tone'], message: string, detail?: string): void {
  useToastStore.getState().push(tone, message, detail);
}
