// Registers the console's IPC handlers (ipc-handlers.ts) with Electron and forwards every event
// to the window.
import { ipcMain, type BrowserWindow } from 'electron';
import { CONSOLE_EVENTS, type ConsoleApi } from '../shared/api';
import { EVENT_PREFIX } from './ipc';
import { consoleIpcHandlers } from './ipc-handlers';

export function registerConsoleIpc(api: ConsoleApi, window: () => BrowserWindow | null): void {
  for (const [channel, handler] of consoleIpcHandlers(api, window)) {
    ipcMain.handle(channel, handler);
  }
  for (const event of CONSOLE_EVENTS) {
    api.on(event, (payload) => window()?.webContents.send(EVENT_PREFIX + event, payload));
  }
}
