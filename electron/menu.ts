// The application menu: the usual roles plus the stack and the two external UIs. Start / Stop
// follow the core's stack status (rebuilt on every stackStatus event), as the tray's do.
import { dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import type { StackStatus } from '../shared/api';
import type { ConsoleCore } from './services/console';
import { stackControlItems } from './stack-controls';

export function buildMenu(core: ConsoleCore, stack: StackStatus | null): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'Stack',
      submenu: [
        ...stackControlItems(stack, {
          startStack: () => core.api.startStack(),
          stopStack: () => core.api.stopStack(),
          showError: (title, content) => dialog.showErrorBox(title, content),
        }),
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

/** Sets the application menu and keeps its Start / Stop in step with the stack. */
export function installMenu(core: ConsoleCore): void {
  let stack: StackStatus | null = null;
  const render = (): void => Menu.setApplicationMenu(buildMenu(core, stack));
  core.api.on('stackStatus', (s) => {
    stack = s;
    render();
  });
  render();
  void core.api.getStackStatus().then(
    (s) => {
      stack = s;
      render();
    },
    () => undefined, // the Overview shows why the status could not be read
  );
}
