// Part of the Electron stand-in (README.md here). A sandboxed page without a browser: the
// preload's isolated world and the page's main world as two Node vm contexts that share only a
// `document` to dispatch events on — as two worlds of one page share only the DOM. Used by the
// preload's unit test to load the *built* preload exactly as the desktop suite does in Chromium.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { mainWorldSource, preloadWorldSource, sandboxProcessInfo } from './worlds';
import { unwire, wire } from './wire';

export interface IpcInvoke {
  id: number;
  channel: string;
  args: unknown[];
}

export interface NodeWorlds {
  /** The page's `window`: what its own scripts would see. */
  mainWorld: Record<string, unknown>;
  /** ipcRenderer.invoke calls that reached "main", in order. */
  invokes: IpcInvoke[];
  /** The keys the preload passed to contextBridge.exposeInMainWorld, in order. */
  exposed: string[];
  /** The preload's load error as Electron would report it, or null. */
  preloadError: string | null;
  consoleErrors: string[];
  /** Main answers one invoke (the value is what the handler returned). */
  answer(id: number, result: { ok: true; value: unknown } | { ok: false; error: string }): void;
  /** Main's webContents.send(channel, ...args). */
  send(channel: string, ...args: unknown[]): void;
  /** Runs code in the page's main world (as the page's own scripts would). */
  evalInPage(code: string): unknown;
}

export function loadPreloadInNodeWorlds(
  preloadFile: string,
  opts: { contextIsolation?: boolean } = {},
): NodeWorlds {
  const document = new EventTarget();
  const consoleErrors: string[] = [];
  const worldConsole = {
    ...console,
    error: (...args: unknown[]) => consoleErrors.push(args.map(String).join(' ')),
  };
  const invokes: IpcInvoke[] = [];
  const exposed: string[] = [];
  let preloadError: string | null = null;

  const makeWorld = (extra: Record<string, unknown>): vm.Context => {
    const ctx = vm.createContext({
      document,
      CustomEvent,
      console: worldConsole,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      URL,
      URLSearchParams,
      ...extra,
    }) as Record<string, unknown>;
    ctx.window = ctx;
    ctx.top = ctx;
    return ctx;
  };
  const main = makeWorld({});
  const preload = makeWorld({
    __peakWatchStandinIpc: (json: string) => {
      const msg = JSON.parse(json) as {
        op: string;
        id: number;
        channel: string;
        args: string;
        message: string;
        key: string;
      };
      if (msg.op === 'exposed') exposed.push(msg.key);
      if (msg.op === 'invoke')
        invokes.push({ id: msg.id, channel: msg.channel, args: unwire(msg.args) });
      if (msg.op === 'preload-error') preloadError = msg.message;
    },
  });
  vm.runInContext(mainWorldSource(), main);
  vm.runInContext(
    preloadWorldSource(readFileSync(preloadFile, 'utf8'), {
      preloadPath: preloadFile,
      contextIsolation: opts.contextIsolation ?? true,
      process: sandboxProcessInfo(),
    }),
    preload,
  );
  const toPreload = (msg: unknown): void => {
    (preload.__peakWatchStandinIpcIn as (json: string) => void)(JSON.stringify(msg));
  };
  return {
    mainWorld: main,
    invokes,
    exposed,
    get preloadError() {
      return preloadError;
    },
    consoleErrors,
    answer(id, result) {
      toPreload(
        result.ok
          ? { op: 'invoke-result', id, ok: true, value: wire([result.value]) }
          : { op: 'invoke-result', id, ok: false, error: result.error },
      );
    },
    send(channel, ...args) {
      toPreload({ op: 'message', channel, args: wire(args) });
    },
    evalInPage: (code): unknown => vm.runInContext(code, main) as unknown,
  };
}
