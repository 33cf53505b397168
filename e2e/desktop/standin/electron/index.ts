// The Electron stand-in's main-process `electron` module (README.md one folder up). The desktop
// suite runs the built main (out/main/main.js) under Node with `electron` resolved here. What it
// exports is what it imitates; importing anything else fails at link time, and using a member
// it does not imitate throws — so main cannot quietly use an API the stand-in lacks.
import { app } from './app';
import { ipcMain } from './ipc';
import { protocol, setReadyCheck, toAppUrl } from './protocol';
import { session, wireSession } from './session';
import { dialog, Menu, MenuItem, nativeImage, Notification, shell, Tray } from './ui';
import { BrowserWindow, webContentsOf } from './window';

setReadyCheck(() => app.isReady());
wireSession({ toAppUrl, contentsOf: webContentsOf });

export {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  MenuItem,
  nativeImage,
  Notification,
  protocol,
  session,
  shell,
  Tray,
};
export default {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  MenuItem,
  nativeImage,
  Notification,
  protocol,
  session,
  shell,
  Tray,
};
