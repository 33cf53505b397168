// Exposes exactly `window.api: ConsoleApi` — one function per method, subscriptions that return
// an unsubscribe — and nothing else of Electron. Errors arrive as values and are rethrown here as
// real Errors; contextBridge keeps only an Error's message, so code and fix are encoded into it
// (decodeBridgeError in the renderer turns it back into a ConsoleError).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Only files that import nothing at run time: Electron's sandboxed preload loader can load
// `electron` and a few Node builtins, no npm package (zod!) and no second file, so this bundles
// to one self-contained file; `npm run build` fails otherwise (scripts/build/sandboxed-preload.ts).
import type { ConsoleApi, ConsoleEvent } from '../shared/api';
import { encodeBridgeError, type Envelope } from '../shared/errors';
import { CONSOLE_EVENTS, CONSOLE_METHODS } from '../shared/methods';
import { EVENT_PREFIX, INVOKE_PREFIX } from './ipc';

const methods = Object.fromEntries(
  CONSOLE_METHODS.map((method) => [
    method,
    async (req?: unknown) => {
      const envelope = (await ipcRenderer.invoke(INVOKE_PREFIX + method, req)) as Envelope<unknown>;
      if (envelope.ok) return envelope.value;
      throw new Error(encodeBridgeError(envelope.error));
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
} as unknown as ConsoleApi;

contextBridge.exposeInMainWorld('api', api);
