// The Electron host: a window, a menu and IPC in front of the one core. Everything it does is
// wiring; the behaviour lives in electron/services and is tested under plain Node.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONSOLE_EVENTS } from '../shared/api';
import { createConsole, type ConsoleCore } from './services/console';
import { dispatch } from './services/dispatch';
import { loadWindowState, saveWindowState } from './services/window-state';
import { EVENT_PREFIX, INVOKE_PREFIX } from './ipc';
import { buildMenu } from './menu';
import { defaultDataDir } from './services/data-dir';

const here = dirname(fileURLToPath(import.meta.url));
// One data folder for the app, the web host and the CLI, so they share settings and the stack.
app.setPath('userData', defaultDataDir());

let core: ConsoleCore | null = null;
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox(
        'Peak Watch could not start',
        err instanceof Error ? err.message : String(err),
      );
      app.quit();
    });
}

/** Only our own top frame may call the API (no sub-frames, no foreign pages). */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || !mainWindow || frame !== mainWindow.webContents.mainFrame) return false;
  const url = frame.url;
  return (
    url.startsWith('file://') ||
    (!!process.env.ELECTRON_RENDERER_URL && url.startsWith(process.env.ELECTRON_RENDERER_URL))
  );
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  core = await createConsole({
    client: 'Peak Watch app',
    dataDir,
    env: process.env,
    openUrl: (url) => shell.openExternal(url),
  });
  const api = core.api;
  for (const method of Object.keys(api).filter((m) => m !== 'on')) {
    ipcMain.handle(INVOKE_PREFIX + method, (event, payload: unknown) =>
      trustedSender(event)
        ? dispatch(api, method, payload)
        : { ok: false, error: { code: 'forbidden', message: 'Untrusted sender.' } },
    );
  }
  for (const event of CONSOLE_EVENTS) {
    api.on(event, (payload) => mainWindow?.webContents.send(EVENT_PREFIX + event, payload));
  }
  Menu.setApplicationMenu(buildMenu(core));
  await createWindow(dataDir);
}

async function createWindow(dataDir: string): Promise<void> {
  const state = await loadWindowState(dataDir);
  mainWindow = new BrowserWindow({
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: 900,
    minHeight: 600,
    title: 'Peak Watch',
    backgroundColor: '#0f1419',
    icon: join(here, '../../resources/icon.png'),
    webPreferences: {
      preload: join(here, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  if (state.maximized) mainWindow.maximize();
  const contents = mainWindow.webContents;
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const remember = (): void => {
    if (!mainWindow) return;
    const b = mainWindow.getNormalBounds();
    void saveWindowState(dataDir, { ...b, maximized: mainWindow.isMaximized() }).catch(
      () => undefined,
    );
  };
  mainWindow.on('close', remember);
  mainWindow.on('closed', () => (mainWindow = null));
  if (process.env.ELECTRON_RENDERER_URL)
    await mainWindow.loadURL(process.env.ELECTRON_RENDERER_URL);
  else await mainWindow.loadFile(join(here, '../renderer/index.html'));
}

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !core) return;
  event.preventDefault();
  quitting = true;
  void decideStackOnQuit(core).then((stopStack) =>
    core!.close({ stopStack }).finally(() => app.exit(0)),
  );
});

/**
 * Quit stops the data folder's stack, or leaves it, or asks — per Settings → On quit. Whoever
 * started it (this app, the CLI, an earlier app): there is one stack per data folder.
 */
async function decideStackOnQuit(c: ConsoleCore): Promise<boolean> {
  if (!(await c.stack.isUp())) return false;
  const policy = c.settings().stack.onQuit;
  if (policy !== 'ask') return policy === 'stop';
  const { response } = await dialog.showMessageBox({
    type: 'question',
    buttons: ['Stop the stack', 'Leave it running'],
    defaultId: 0,
    message: 'Prometheus and Grafana are running. Stop them now?',
  });
  return response === 0;
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (core && BrowserWindow.getAllWindows().length === 0) void createWindow(core.dataDir);
});
