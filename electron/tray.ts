// The tray: an icon whose colour follows the core's health (ok / warning / firing / stack down),
// a tooltip saying why, and a menu — open the console, Start / Stop the stack, Open Grafana,
// Quit — as Docker Desktop and Podman Desktop have. Alert notifications go out from here too:
// the core decides when (rate-limited, mute honoured); clicking one opens the Alerts page.
import { dialog, Menu, nativeImage, Notification, Tray } from 'electron';
import { join } from 'node:path';
import type { AlertNotification, HealthStatus, StackStatus } from '../shared/api';
import type { ConsoleCore } from './services/console';
import { stackControlItems } from './stack-controls';
import { trayIconFile } from './tray-icons';

export interface TrayOptions {
  core: ConsoleCore;
  /** The folder of the tray icons (resources/tray, inside app.asar when packaged). */
  iconDir: string;
  /** Shows the console window (creating it if it was closed) at a hash route, e.g. '#/alerts'. */
  showConsole: (route?: string) => void;
  quit: () => void;
}

export function createTray(opts: TrayOptions): Tray {
  const { core } = opts;
  const icon = (health: HealthStatus['health']) =>
    nativeImage.createFromPath(join(opts.iconDir, trayIconFile(health)));
  const tray = new Tray(icon('stack-down'));
  let health: HealthStatus = {
    health: 'stack-down',
    detail: 'Prometheus is not running',
    firing: 0,
  };
  let stack: StackStatus | null = null;

  const fail = (): void => undefined; // a first read that fails: the Overview shows why
  const render = (): void => {
    tray.setImage(icon(health.health));
    tray.setToolTip(`Peak Watch — ${health.detail}`);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open Console', click: () => opts.showConsole() },
        ...(health.firing > 0
          ? [
              {
                label: `Alerts (${health.firing} firing)`,
                click: () => opts.showConsole('#/alerts'),
              },
            ]
          : []),
        { type: 'separator' },
        ...stackControlItems(stack, {
          startStack: () => core.api.startStack(),
          stopStack: () => core.api.stopStack(),
          showError: (title, content) => dialog.showErrorBox(title, content),
        }),
        { label: 'Open Grafana', click: () => void core.api.openExternal({ target: 'grafana' }) },
        { type: 'separator' },
        { label: 'Quit Peak Watch', click: opts.quit },
      ]),
    );
  };

  core.api.on('health', (h) => {
    health = h;
    render();
  });
  core.api.on('stackStatus', (s) => {
    stack = s;
    render();
  });
  core.api.on('alertNotification', (n) => notify(n, opts));
  tray.on('click', () => opts.showConsole());
  render();
  void core.api.getStackStatus().then((s) => {
    stack = s;
    render();
  }, fail);
  void core.api.getAlerts().then((view) => {
    health = view.health;
    render();
  }, fail);
  return tray;
}

function notify(n: AlertNotification, opts: TrayOptions): void {
  if (!Notification.isSupported()) return;
  const note = new Notification({
    title: n.title,
    body: n.state === 'firing' && n.fix ? `${n.summary}\n${n.fix}` : n.summary,
    urgency: n.severity === 'critical' && n.state === 'firing' ? 'critical' : 'normal',
  });
  note.on('click', () => opts.showConsole(`#/alerts?rule=${encodeURIComponent(n.rule)}`));
  note.show();
}
