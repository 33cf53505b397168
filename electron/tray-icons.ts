// The tray icon for each of the core's health values (HealthStatus in shared/api.ts). Colours
// are the console's: --ok, --warn, --error and a muted grey (renderer/src/styles.css).
import type { HealthStatus } from '../shared/api';

export type TrayHealth = HealthStatus['health'];

export const TRAY_COLOURS: Record<TrayHealth, readonly [number, number, number]> = {
  ok: [63, 182, 139],
  warning: [227, 163, 59],
  firing: [236, 95, 89],
  'stack-down': [138, 148, 163],
};

/** Where the icons live, relative to the app's root (packed by electron-builder.yml's `files`). */
export const TRAY_ICON_DIR = 'resources/tray';

/** One icon's file name in TRAY_ICON_DIR. */
export function trayIconFile(health: TrayHealth, scale: 1 | 2 = 1): string {
  return `${health}${scale === 2 ? '@2x' : ''}.png`;
}
