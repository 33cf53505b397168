// The app menu's Start / Stop Stack: enabled as the core's stack status says (the same gate as the
// tray and the Overview), and a failed Start shown in an error box, not swallowed. No Electron
// binary runs here: electron's Menu is a stand-in that keeps the template it is given
// (Menu.buildFromTemplate's documented input), dialog.showErrorBox records what it would show.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { ConsoleError, type StackStatus } from '../shared/api';
import type { ConsoleCore } from './services/console';

const shown: [string, string][] = [];
vi.mock('electron', () => ({
  Menu: {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
    setApplicationMenu: () => undefined,
  },
  dialog: { showErrorBox: (title: string, content: string) => shown.push([title, content]) },
  shell: { openPath: () => Promise.resolve('') },
}));
const { buildMenu } = await import('./menu');

function status(over: Partial<StackStatus>, prometheus: 'running' | 'stopped'): StackStatus {
  return {
    runtime: 'native',
    driver: 'prometheus binary',
    project: null,
    services: [{ name: 'prometheus', state: prometheus } as StackStatus['services'][number]],
    filesDir: '/tmp/stack',
    busy: null,
    busyBy: null,
    canStart: { ok: true, reason: null, fix: null, nativeAvailable: false },
    lastError: null,
    ...over,
  };
}

function core(start: () => Promise<unknown>): ConsoleCore {
  return {
    dataDir: '/tmp/data',
    api: { startStack: start, stopStack: start, openExternal: () => Promise.resolve({ url: '' }) },
  } as unknown as ConsoleCore;
}

function stackItems(menu: unknown): Record<string, MenuItemConstructorOptions> {
  const stack = (menu as MenuItemConstructorOptions[]).find((m) => m.label === 'Stack');
  const items = stack?.submenu as MenuItemConstructorOptions[];
  const named: Record<string, MenuItemConstructorOptions> = {};
  for (const item of items) if (item.label) named[item.label] = item;
  return named;
}

describe('the app menu’s Start / Stop Stack', () => {
  beforeEach(() => {
    shown.length = 0;
  });

  it('offers Start only when the core says the stack can start, and Stop only while it runs', () => {
    const ok = () => Promise.resolve();
    const blocked = status(
      {
        canStart: {
          ok: false,
          reason: 'Docker engine is not reachable',
          fix: null,
          nativeAvailable: false,
        },
      },
      'stopped',
    );
    expect(stackItems(buildMenu(core(ok), blocked))['Start Stack']?.enabled).toBe(false);
    const stopped = stackItems(buildMenu(core(ok), status({}, 'stopped')));
    expect([stopped['Start Stack']?.enabled, stopped['Stop Stack']?.enabled]).toEqual([
      true,
      false,
    ]);
    const running = stackItems(buildMenu(core(ok), status({}, 'running')));
    expect([running['Start Stack']?.enabled, running['Stop Stack']?.enabled]).toEqual([
      false,
      true,
    ]);
    const busy = stackItems(buildMenu(core(ok), status({ busy: 'starting' }, 'stopped')));
    expect(busy['Start Stack']?.enabled).toBe(false);
    // Before the first status arrives nothing is offered.
    expect(stackItems(buildMenu(core(ok), null))['Start Stack']?.enabled).toBe(false);
  });

  it('shows why a Start failed in an error box', async () => {
    const failing = () =>
      Promise.reject(
        new ConsoleError({
          code: 'port-in-use',
          message: 'Port 9091 on 127.0.0.1 is already in use',
          fix: 'Choose another Prometheus port in Settings',
        }),
      );
    const start = stackItems(buildMenu(core(failing), status({}, 'stopped')))['Start Stack'];
    (start?.click as () => void)();
    await vi.waitFor(() => expect(shown).toHaveLength(1));
    expect(shown[0]).toEqual([
      'Could not start the stack',
      'Port 9091 on 127.0.0.1 is already in use\n\nChoose another Prometheus port in Settings',
    ]);
  });
});
