// Part of the Electron stand-in (../README.md): what main shows the user outside the page —
// Menu (https://www.electronjs.org/docs/latest/api/menu), Tray
// (https://www.electronjs.org/docs/latest/api/tray), Notification
// (https://www.electronjs.org/docs/latest/api/notification), nativeImage
// (https://www.electronjs.org/docs/latest/api/native-image), dialog
// (https://www.electronjs.org/docs/latest/api/dialog) and shell
// (https://www.electronjs.org/docs/latest/api/shell). Each is reported to the harness, which
// plays the user (clicks a menu item, answers a dialog).
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import type { MenuReport } from '../protocol';
import { app } from './app';
import { ask, newId, onHarness, strict, strictClass, tell } from './link';

// ---------------------------------------------------------------- nativeImage

class NativeImage {
  constructor(
    readonly path: string | null,
    readonly size: { width: number; height: number },
  ) {}
  isEmpty(): boolean {
    return this.size.width === 0;
  }
  getSize(): { width: number; height: number } {
    return { ...this.size };
  }
}

/** PNG's IHDR carries the size; anything Electron could not read makes an empty image. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  const png = bytes.length > 24 && bytes.toString('latin1', 1, 4) === 'PNG';
  return png
    ? { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
    : { width: 0, height: 0 };
}

export const nativeImage = strict('nativeImage', {
  createFromPath(path: string): NativeImage {
    return strict(
      'NativeImage',
      new NativeImage(
        path,
        existsSync(path) ? pngSize(readFileSync(path)) : { width: 0, height: 0 },
      ),
    );
  },
  createFromBuffer(buffer: Buffer): NativeImage {
    return strict('NativeImage', new NativeImage(null, pngSize(buffer)));
  },
  createFromDataURL(url: string): NativeImage {
    const data = /^data:image\/png;base64,(.*)$/.exec(url)?.[1] ?? '';
    return strict('NativeImage', new NativeImage(null, pngSize(Buffer.from(data, 'base64'))));
  },
  createEmpty(): NativeImage {
    return strict('NativeImage', new NativeImage(null, { width: 0, height: 0 }));
  },
});

const describeImage = (image: unknown): unknown =>
  image instanceof NativeImage || (image && typeof image === 'object' && 'path' in image)
    ? { path: (image as NativeImage).path, size: (image as NativeImage).size }
    : image;

// ---------------------------------------------------------------- Menu

interface MenuItemOptions {
  label?: string;
  role?: string;
  type?: string;
  click?: (item: unknown, window: unknown, event: unknown) => void;
  submenu?: MenuItemOptions[] | MenuImpl;
  enabled?: boolean;
  visible?: boolean;
  checked?: boolean;
  accelerator?: string;
  id?: string;
}

class MenuItemImpl {
  readonly label: string | null;
  readonly role: string | null;
  readonly type: string;
  readonly click: MenuItemOptions['click'] | null;
  readonly submenu: MenuImpl | null;
  enabled: boolean;
  visible: boolean;
  checked: boolean;
  constructor(options: MenuItemOptions) {
    // "Invalid template for MenuItem: must have at least one of label, role or type"
    if (!options.label && !options.role && !options.type) {
      throw new Error(
        'Invalid template for MenuItem: must have at least one of label, role or type',
      );
    }
    this.label = options.label ?? null;
    this.role = options.role ?? null;
    this.type = options.type ?? (options.submenu ? 'submenu' : 'normal');
    this.click = options.click ?? null;
    this.submenu =
      options.submenu instanceof MenuImpl
        ? options.submenu
        : options.submenu
          ? Menu.buildFromTemplate(options.submenu)
          : null;
    this.enabled = options.enabled ?? true;
    this.visible = options.visible ?? true;
    this.checked = options.checked ?? false;
  }
}

class MenuImpl {
  readonly items: MenuItemImpl[] = [];
  static #application: MenuImpl | null = null;
  /** Menus and items made here are the strict ones main would get from `new`. */
  static buildFromTemplate(template: MenuItemOptions[]): MenuImpl {
    const menu = new Menu();
    for (const options of template) menu.items.push(new MenuItem(options));
    return menu;
  }
  static setApplicationMenu(menu: MenuImpl | null): void {
    MenuImpl.#application = menu;
    tell({ t: 'app-menu', items: menu ? report(menu) : null });
  }
  static getApplicationMenu(): MenuImpl | null {
    return MenuImpl.#application;
  }
  append(item: MenuItemImpl): void {
    this.items.push(item);
  }
}

function report(menu: MenuImpl): MenuReport[] {
  return menu.items.map((i) => ({
    label: i.label,
    role: i.role,
    type: i.type,
    enabled: i.enabled,
    submenu: i.submenu ? report(i.submenu) : null,
  }));
}

function find(menu: MenuImpl | null, path: string[]): MenuItemImpl | null {
  const [head, ...rest] = path;
  const item = menu?.items.find((i) => i.label === head) ?? null;
  return rest.length === 0 ? item : find(item?.submenu ?? null, rest);
}

onHarness('menu-click', (msg) => {
  const item = find(MenuImpl.getApplicationMenu(), msg.path);
  if (!item?.click || !item.enabled)
    throw new Error(`Electron stand-in: no clickable menu item ${msg.path.join(' → ')}`);
  item.click(item, null, {});
});

export const Menu = strictClass('Menu', MenuImpl);
export const MenuItem = strictClass('MenuItem', MenuItemImpl);

// ---------------------------------------------------------------- Tray

// Each live tray and its context menu, kept here: Electron's Tray has no getter for its menu.
const trays = new Map<TrayImpl, MenuImpl | null>();
class TrayImpl extends EventEmitter {
  #destroyed = false;
  constructor(image: unknown) {
    super();
    if (!app.isReady())
      throw new Error('Electron stand-in: a Tray can only be created after the app is ready');
    trays.set(this, null);
    tell({ t: 'tray', op: 'create', detail: describeImage(image) });
  }
  setImage(image: unknown): void {
    tell({ t: 'tray', op: 'image', detail: describeImage(image) });
  }
  setToolTip(text: string): void {
    tell({ t: 'tray', op: 'tooltip', detail: text });
  }
  setTitle(title: string): void {
    tell({ t: 'tray', op: 'title', detail: title });
  }
  setContextMenu(menu: MenuImpl | null): void {
    trays.set(this, menu);
    tell({ t: 'tray', op: 'menu', detail: menu ? report(menu) : null });
  }
  destroy(): void {
    this.#destroyed = true;
    trays.delete(this);
    tell({ t: 'tray', op: 'destroy', detail: null });
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }
}
onHarness('tray-menu-click', (msg) => {
  const item = [...trays.values()].map((menu) => find(menu, [msg.label])).find(Boolean);
  if (!item?.click) throw new Error(`Electron stand-in: no tray menu item ${msg.label}`);
  item.click(item, null, {});
});
export const Tray = strictClass('Tray', TrayImpl);

// ---------------------------------------------------------------- Notification

const notifications = new Map<number, NotificationImpl>();
class NotificationImpl extends EventEmitter {
  readonly id = newId();
  readonly title: string;
  readonly body: string;
  static isSupported(): boolean {
    return true;
  }
  constructor(options: { title?: string; body?: string; silent?: boolean; icon?: unknown } = {}) {
    super();
    this.title = options.title ?? '';
    this.body = options.body ?? '';
  }
  show(): void {
    notifications.set(this.id, this);
    tell({ t: 'notification', id: this.id, title: this.title, body: this.body });
    this.emit('show');
  }
  close(): void {
    notifications.delete(this.id);
    this.emit('close');
  }
}
onHarness('notification-click', (msg) => notifications.get(msg.id)?.emit('click'));
export const Notification = strictClass('Notification', NotificationImpl);

// ---------------------------------------------------------------- dialog, shell

interface MessageBoxOptions {
  message: string;
  buttons?: string[];
  type?: string;
  defaultId?: number;
  cancelId?: number;
}

export const dialog = strict('dialog', {
  async showMessageBox(
    windowOrOptions: MessageBoxOptions | object,
    maybeOptions?: MessageBoxOptions,
  ): Promise<{ response: number; checkboxChecked: boolean }> {
    const options = (maybeOptions ?? windowOrOptions) as MessageBoxOptions;
    const answer = await ask(
      {
        t: 'dialog',
        id: newId(),
        kind: 'messageBox',
        message: options.message,
        buttons: options.buttons ?? ['OK'],
      },
      'dialog-answer',
    );
    return { response: answer.response, checkboxChecked: false };
  },
  showErrorBox(title: string, content: string): void {
    tell({ t: 'error-box', title, content });
  },
});

export const shell = strict('shell', {
  openExternal(url: string): Promise<void> {
    tell({ t: 'open-external', url });
    return Promise.resolve();
  },
  openPath(path: string): Promise<string> {
    tell({ t: 'open-path', path });
    return Promise.resolve('');
  },
});
