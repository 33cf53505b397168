// Exposes exactly `window.api: BridgeApi` — one function per method, subscriptions that return
// an unsubscribe — and nothing else of Electron. A method resolves with the Envelope main sent,
// as a value: contextBridge copies a plain object whole but keeps only an Error's message, so an
// error stays data until the renderer's bridge client unwraps it (renderer/src/api/bridge-client.ts).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Only files that import nothing at run time: Electron's sandboxed preload loader can load
// `electron` and a few Node builtins, no npm package (zod!) and no second file, so this bundles
// to one self-contained file; `npm run build` fails otherwise (scripts/build/sandboxed-preload.ts).
import type { BridgeApi, ConsoleEvent } from '../shared/api';
import type { Envelope } from '../shared/errors';
import { CONSOLE_EVENTS, CONSOLE_METHODS } from '../shared/methods';
import { EVENT_PREFIX, INVOKE_PREFIX } from './ipc';

const methods = Object.fromEntries(
  CONSOLE_METHODS.map((method) => [
    method,
    async (req?: unknown): Promise<Envelope<unknown>> => {
      try {
        return (await ipcRenderer.invoke(INVOKE_PREFIX + method, req)) as Envelope<unknown>;
      } catch (err) {
        // Electron rejects only when main has no handler or the handler threw; say so as data.
        const message = err instanceof Error ? err.message : String(err);
        return { ok: false, error: { code: 'internal', message } };
      }
    },
  ]),
);

const api = {
  ...methods,
  on(event: ConsoleEvent, listener: (payload: unknown) => void): () => void {
    if (!(CONSOLE_EVENTS as readonly string[]).includes(event)) {
      throw new Error(`Unknown event: ${event}`);
    }
    const handler = (_e: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(EVENT_PREFIX + event, handler);
    return () => ipcRenderer.removeListener(EVENT_PREFIX + event, handler);
  },
} as unknown as BridgeApi;

contextBridge.exposeInMainWorld('api', api);
