// ConsoleApi over Electron IPC: one handler per method on a prefixed channel, events forwarded
// to the window. Every call is checked first: only our own window's top frame, showing our own
// app:// page, may call (security checklist 17; VS Code's rule). Payloads are validated by
// dispatch() against the contract's zod schemas.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CONSOLE_EVENTS, CONSOLE_METHODS, type ConsoleApi } from '../shared/api';
import { EVENT_PREFIX, INVOKE_PREFIX } from './ipc';
import { isAppUrl } from './permissions';
import { dispatch } from './services/dispatch';

export function registerConsoleIpc(api: ConsoleApi, window: () => BrowserWindow | null): void {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const win = window();
    const frame = event.senderFrame;
    if (!frame || !win || frame !== win.webContents.mainFrame) return false;
    const devUrl = process.env.ELECTRON_RENDERER_URL;
    return isAppUrl(frame.url) || (!!devUrl && frame.url.startsWith(devUrl));
  };
  for (const method of CONSOLE_METHODS) {
    ipcMain.handle(INVOKE_PREFIX + method, (event, payload: unknown) =>
      trusted(event)
        ? dispatch(api, method, payload)
        : { ok: false, error: { code: 'forbidden', message: 'Untrusted sender.' } },
    );
  }
  for (const event of CONSOLE_EVENTS) {
    api.on(event, (payload) => window()?.webContents.send(EVENT_PREFIX + event, payload));
  }
}
