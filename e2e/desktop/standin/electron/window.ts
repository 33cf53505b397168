// Part of the Electron stand-in (../README.md): BrowserWindow, its webContents and frames,
// following https://www.electronjs.org/docs/latest/api/browser-window,
// https://www.electronjs.org/docs/latest/api/web-contents and
// https://www.electronjs.org/docs/latest/api/web-frame-main. The page itself is a Chromium page
// the harness drives; this side keeps what main can see of it.
import { EventEmitter } from 'node:events';
import { isAbsolute } from 'node:path';
import { app, registerWindows } from './app';
import { ask, newId, onHarness, PreventableEvent, strict, strictClass, tell } from './link';
import { toAppUrl, toServedUrl } from './protocol';
import { defaultSession } from './session';

interface WebPreferencesIn {
  preload?: string;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInSubFrames?: boolean;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  experimentalFeatures?: boolean;
  enableBlinkFeatures?: string;
  webviewTag?: boolean;
}
interface WindowOptions {
  width?: number;
  height?: number;
  title?: string;
  icon?: string;
  webPreferences?: WebPreferencesIn;
  [key: string]: unknown;
}

/** WebFrameMain: `url` is what the frame shows now, in the app's own scheme. */
class WebFrameMain {
  url = '';
  constructor(
    readonly frameTreeNodeId: string,
    readonly top: WebFrameMain | null,
    readonly parent: WebFrameMain | null,
  ) {}
  get origin(): string {
    try {
      return new URL(this.url).origin;
    } catch {
      return 'null';
    }
  }
  isDestroyed(): boolean {
    return false;
  }
}

type OpenHandler = (details: {
  url: string;
  frameName: string;
  features: string;
  disposition: string;
}) => {
  action: 'allow' | 'deny';
};

class WebContents extends EventEmitter {
  readonly id = newId();
  readonly mainFrame: WebFrameMain;
  readonly session = defaultSession;
  #subFrames = new Map<string, WebFrameMain>();
  #openHandler: OpenHandler | null = null;
  #destroyed = false;

  constructor(readonly windowId: number) {
    super();
    this.mainFrame = strict('WebFrameMain', new WebFrameMain(`main-${windowId}`, null, null));
  }

  frame(ref: { frameId: string; isMainFrame: boolean; url: string }): WebFrameMain {
    if (ref.isMainFrame) return this.mainFrame;
    let frame = this.#subFrames.get(ref.frameId);
    if (!frame) {
      frame = strict('WebFrameMain', new WebFrameMain(ref.frameId, this.mainFrame, this.mainFrame));
      this.#subFrames.set(ref.frameId, frame);
    }
    frame.url = toAppUrl(ref.url);
    return frame;
  }

  /** "Send an asynchronous message to the renderer process via channel … serialized with the
   * Structured Clone Algorithm … Sending Functions, Promises, Symbols … will throw." */
  send(channel: string, ...args: unknown[]): void {
    if (this.#destroyed) throw new Error('Object has been destroyed');
    tell({ t: 'send', windowId: this.windowId, channel, args: structuredClone(args) });
  }

  setWindowOpenHandler(handler: OpenHandler): void {
    this.#openHandler = handler;
  }
  windowOpenDecision(url: string, features: string): string {
    const decision = this.#openHandler?.({
      url,
      frameName: '',
      features,
      disposition: 'new-window',
    });
    return decision?.action ?? 'allow';
  }

  async loadURL(url: string): Promise<void> {
    const served = await toServedUrl(url);
    const reply = await ask(
      { t: 'load', id: newId(), windowId: this.windowId, url: served, appUrl: url },
      'loaded',
    );
    this.mainFrame.url = url;
    if (!reply.ok) throw new Error(`ERR_FAILED (-2) loading '${url}': ${reply.error ?? ''}`);
    this.emit('did-finish-load', new PreventableEvent());
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }
  destroy(): void {
    this.#destroyed = true;
  }
}

const all = new Map<number, BrowserWindowImpl>();

class BrowserWindowImpl extends EventEmitter {
  readonly id = newId();
  readonly webContents: WebContents;
  #minimized = false;
  #maximized = false;
  #destroyed = false;
  #bounds: { x: number; y: number; width: number; height: number };
  #title: string;

  constructor(options: WindowOptions = {}) {
    super();
    if (!app.isReady()) throw new Error('Cannot create BrowserWindow before app is ready');
    const prefs = options.webPreferences ?? {};
    // Electron's defaults since 20: isolated, sandboxed, no Node in the page.
    const webPreferences = {
      ...prefs,
      preload: prefs.preload ?? null,
      contextIsolation: prefs.contextIsolation ?? true,
      sandbox: prefs.sandbox ?? !prefs.nodeIntegration,
      nodeIntegration: prefs.nodeIntegration ?? false,
      webSecurity: prefs.webSecurity ?? true,
    };
    if (
      !webPreferences.sandbox ||
      webPreferences.nodeIntegration ||
      !webPreferences.contextIsolation
    ) {
      throw new Error(
        'Electron stand-in: only sandboxed, context-isolated renderers without Node integration are imitated',
      );
    }
    if (webPreferences.preload !== null && !isAbsolute(webPreferences.preload)) {
      throw new Error(
        `Electron stand-in: webPreferences.preload must be an absolute path (${webPreferences.preload})`,
      );
    }
    this.#bounds = { x: 0, y: 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.#title = options.title ?? 'Electron';
    this.webContents = strict('webContents', new WebContents(this.id));
    all.set(this.id, this);
    tell({
      t: 'window',
      window: {
        id: this.id,
        width: this.#bounds.width,
        height: this.#bounds.height,
        title: this.#title,
        icon: options.icon ?? null,
        webPreferences,
      },
    });
    app.emit('web-contents-created', new PreventableEvent(), this.webContents);
    app.emit('browser-window-created', new PreventableEvent(), this);
  }

  static getAllWindows(): BrowserWindowImpl[] {
    return [...all.values()];
  }
  static fromId(id: number): BrowserWindowImpl | null {
    return all.get(id) ?? null;
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  focus(): void {
    tell({ t: 'window-call', windowId: this.id, method: 'focus' });
  }
  show(): void {
    tell({ t: 'window-call', windowId: this.id, method: 'show' });
  }
  restore(): void {
    this.#minimized = false;
    tell({ t: 'window-call', windowId: this.id, method: 'restore' });
  }
  minimize(): void {
    this.#minimized = true;
  }
  isMinimized(): boolean {
    return this.#minimized;
  }
  maximize(): void {
    this.#maximized = true;
  }
  isMaximized(): boolean {
    return this.#maximized;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.#bounds };
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.#bounds };
  }
  setTitle(title: string): void {
    this.#title = title;
  }
  getTitle(): string {
    return this.#title;
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }

  /** "Try to close the window. This has the same effect as a user manually clicking the close
   * button" — `close` can be prevented; then `closed`, and window-all-closed when none is left. */
  close(): void {
    if (!this.closeForQuit()) return;
    if (all.size === 0 && !app.quitting) {
      if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed');
      else app.quit();
    }
  }
  closeForQuit(): boolean {
    const event = new PreventableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.webContents.destroy();
    all.delete(this.id);
    this.emit('closed');
    tell({ t: 'window-call', windowId: this.id, method: 'closed' });
  }
}

registerWindows({ all: () => [...all.values()] });

// What the harness sees happen in a page, as Electron's renderer would report it to main.
onHarness('navigate', (msg) => {
  const contents = all.get(msg.windowId)?.webContents;
  let allow = true;
  if (contents) {
    const url = toAppUrl(msg.url);
    // will-frame-navigate for every frame; will-navigate for the main frame too.
    const frameEvent = Object.assign(new PreventableEvent(), { url, isMainFrame: msg.isMainFrame });
    contents.emit('will-frame-navigate', frameEvent);
    allow = !frameEvent.defaultPrevented;
    if (msg.isMainFrame) {
      const event = new PreventableEvent();
      contents.emit('will-navigate', event, url);
      allow &&= !event.defaultPrevented;
    }
  }
  tell({ t: 'navigate-decision', id: msg.id, allow });
});
onHarness('window-open', (msg) => {
  const contents = all.get(msg.windowId)?.webContents;
  tell({
    t: 'window-open-decision',
    id: msg.id,
    action: contents ? contents.windowOpenDecision(toAppUrl(msg.url), msg.features) : 'deny',
  });
});
onHarness('frame-url', (msg) => {
  const contents = all.get(msg.windowId)?.webContents;
  if (contents) contents.mainFrame.url = toAppUrl(msg.url);
});
onHarness('preload-error', (msg) => {
  const contents = all.get(msg.windowId)?.webContents;
  contents?.emit('preload-error', new PreventableEvent(), msg.path, new Error(msg.message));
});
onHarness('close-window', (msg) => all.get(msg.windowId)?.close());
onHarness('minimize', (msg) => all.get(msg.windowId)?.minimize());

export function webContentsOf(windowId: number): WebContents | null {
  return all.get(windowId)?.webContents ?? null;
}

export const BrowserWindow = strictClass('BrowserWindow', BrowserWindowImpl);
