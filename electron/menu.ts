// The application menu: the usual roles plus the stack and the two external UIs.
import { Menu, shell, type MenuItemConstructorOptions } from 'electron';
import type { ConsoleCore } from './services/console';

export function buildMenu(core: ConsoleCore): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'Stack',
      submenu: [
        { label: 'Start Stack', click: () => void core.api.startStack().catch(() => undefined) },
        { label: 'Stop Stack', click: () => void core.api.stopStack().catch(() => undefined) },
        { type: 'separator' },
        { label: 'Open Grafana', click: () => void core.api.openExternal({ target: 'grafana' }) },
        {
          label: 'Open Prometheus',
          click: () => void core.api.openExternal({ target: 'prometheus' }),
        },
        { type: 'separator' },
        { label: 'Show Data Folder', click: () => void shell.openPath(core.dataDir) },
      ],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
