// ConsoleApi over Electron IPC, as a table: one handler per method on its prefixed channel.
// ipc-main.ts hands each to ipcMain.handle; this file imports nothing of Electron at run time, so
// a unit test reads the table (electron/hosts-contract.test.ts). Every call is checked first:
// only our own window's top frame, showing our own app:// page, may call (security checklist
// 17; VS Code's rule). Payloads are validated by dispatch() against the contract's zod schemas.
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { CONSOLE_METHODS, type ConsoleApi, type Envelope } from '../shared/api';
import { INVOKE_PREFIX } from './ipc';
import { isAppUrl } from './permissions';
import { dispatch } from './services/dispatch';

export type IpcHandler = (
  event: IpcMainInvokeEvent,
  payload: unknown,
) => Envelope<unknown> | Promise<Envelope<unknown>>;

/** Channel → handler, one per CONSOLE_METHODS name. */
export function consoleIpcHandlers(
  api: ConsoleApi,
  window: () => BrowserWindow | null,
): Map<string, IpcHandler> {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const win = window();
    const frame = event.senderFrame;
    if (!frame || !win || frame !== win.webContents.mainFrame) return false;
    const devUrl = process.env.ELECTRON_RENDERER_URL;
    return isAppUrl(frame.url) || (!!devUrl && frame.url.startsWith(devUrl));
  };
  return new Map(
    CONSOLE_METHODS.map((method): [string, IpcHandler] => [
      INVOKE_PREFIX + method,
      (event, payload) =>
        trusted(event)
          ? dispatch(api, method, payload)
          : { ok: false, error: { code: 'forbidden', message: 'Untrusted sender.' } },
    ]),
  );
}
