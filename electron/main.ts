// The Electron host: a window, a menu and IPC in front of the one core. Everything it does is
// wiring; the behaviour lives in electron/services and is tested under plain Node, and this file
// itself runs in `npm run test:desktop` against the Electron stand-in (e2e/desktop/).
import { app, BrowserWindow, dialog, protocol, session, shell, type Tray } from 'electron';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  APP_URL,
  createAppProtocolHandler,
} from './app-protocol';
import { registerConsoleIpc } from './ipc-main';
import { installMenu } from './menu';
import { createTray } from './tray';
import { isPermissionAllowed } from './permissions';
import { toErrorInfo } from '../shared/error-info';
import { createConsole, type ConsoleCore } from './services/console';
import { defaultDataDir, prepareDataDir } from './services/data-dir';
import { setLockLabel } from './services/file-lock';
import { loadWindowState, saveWindowState } from './services/window-state';

const here = dirname(fileURLToPath(import.meta.url));
// One data folder for the app, the web host and the CLI, so they share settings and the stack.
// setPath throws for a folder that does not exist yet (a first start), so create it first.
const dataDir = defaultDataDir();
try {
  mkdirSync(dataDir, { recursive: true });
  app.setPath('userData', dataDir);
} catch {
  // Not a folder this user can make: start() says so, with the fix, before anything starts.
}
// Before `ready`, as Electron requires: app:// behaves as a secure, standard origin.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

let core: ConsoleCore | null = null;
let mainWindow: BrowserWindow | null = null;
let tray: Tray | null = null;

// Every web contents, present and future: no navigation, no new windows, no <webview>
// (security checklist 12–14). The console is one page with hash routes.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A second start (a double-click while the app sits in the tray) brings the console back.
  app.on('second-instance', () => showConsole());
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      const info = toErrorInfo(err);
      dialog.showErrorBox(
        'Peak Watch could not start',
        info.fix ? `${info.message}\n\n${info.fix}` : info.message,
      );
      // 2, as the CLI: the data folder was refused before anything started.
      app.exit(info.code === 'data-dir' ? 2 : 1);
    });
}

async function start(): Promise<void> {
  const dataDir = await prepareDataDir(defaultDataDir(), {
    write: true,
    via: 'PEAK_WATCH_DATA_DIR',
  });
  setLockLabel('Peak Watch app');
  protocol.handle(APP_SCHEME, createAppProtocolHandler(join(here, '../renderer')));
  // Deny every permission but the one the console uses, for its own origin only (checklist 5).
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  core = await createConsole({
    client: 'Peak Watch app',
    dataDir,
    env: process.env,
    // The core only ever passes the configured Grafana / Prometheus URL (checklist 15).
    openUrl: (url) => shell.openExternal(url),
  });
  registerConsoleIpc(core.api, () => mainWindow);
  installMenu(core);
  tray = createTray({
    core,
    iconDir: join(here, '../../resources/tray'),
    showConsole,
    quit: () => app.quit(),
  });
  await createWindow(dataDir);
}

/** The console window at a route: focused if open, made again if it was closed to the tray. */
function showConsole(route?: string): void {
  const show = async (): Promise<void> => {
    if (!mainWindow && core) await createWindow(core.dataDir);
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
    // Same document, another hash: an in-page navigation, not a reload.
    if (route) await mainWindow.loadURL(`${process.env.ELECTRON_RENDERER_URL ?? APP_URL}${route}`);
  };
  void show().catch(() => undefined);
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
  const remember = (): void => {
    if (!mainWindow) return;
    const b = mainWindow.getNormalBounds();
    void saveWindowState(dataDir, { ...b, maximized: mainWindow.isMaximized() }).catch(
      () => undefined,
    );
  };
  mainWindow.on('close', remember);
  mainWindow.on('closed', () => (mainWindow = null));
  await mainWindow.loadURL(process.env.ELECTRON_RENDERER_URL ?? APP_URL);
}

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !core) return;
  event.preventDefault();
  quitting = true;
  const c = core;
  void decideStackOnQuit(c).then((stopStack) => c.close({ stopStack }).finally(() => app.exit(0)));
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
    cancelId: 1,
    message: 'Prometheus and Grafana are running. Stop them now?',
  });
  return response === 0;
}

// Closing the window keeps the app in the tray, watching (as Docker Desktop does); Quit in the
// tray or the app menu quits. Without a tray, closing the last window quits (not on macOS).
app.on('window-all-closed', () => {
  if (!tray && process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (core && BrowserWindow.getAllWindows().length === 0) void createWindow(core.dataDir);
});
