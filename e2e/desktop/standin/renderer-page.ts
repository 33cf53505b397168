// Part of the Electron stand-in (README.md here): one BrowserWindow's renderer, as a Chromium
// page. Its preload runs in an isolated world (CDP Page.addScriptToEvaluateOnNewDocument with a
// worldName, before any page script, in the main frame only) under the sandboxed preload loader
// of worlds/preload-world.js; its ipcRenderer reaches main through a CDP binding that only that
// world can see. Navigations and new windows are put to main's handlers before they happen;
// nothing leaves loopback.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import type { DesktopApp } from './harness';
import type { ToHarness, WindowReport } from './protocol';
import { mainWorldSource, preloadWorldSource, sandboxProcessInfo } from './worlds';
import { unwire, wire } from './wire';

const PRELOAD_WORLD = 'peak-watch-preload';
/** Playwright's names for the web permissions main decides, and Electron's names for them. */
const PERMISSIONS: [playwright: string, electron: string][] = [
  ['clipboard-write', 'clipboard-sanitized-write'],
  ['clipboard-read', 'clipboard-read'],
  ['notifications', 'notifications'],
  ['geolocation', 'geolocation'],
  ['camera', 'media'],
  ['microphone', 'media'],
  ['midi', 'midi'],
];

const loopback = (url: string): boolean => {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
};

interface ExecutionContext {
  id: number;
  name: string;
  auxData?: { frameId?: string; isDefault?: boolean };
}

export class RendererPage {
  loaded = false;
  /** Page errors, console errors and CSP violations, as a person with DevTools open would see. */
  readonly problems: string[] = [];
  readonly consoleLines: string[] = [];
  /** What the preload world told the harness: exposures, preload errors. */
  readonly preloadEvents: { op: string; key?: string; message?: string }[] = [];
  #contexts = new Map<number, ExecutionContext>();
  #invokeContexts = new Map<number, number>();
  #expectedNavigation: string | null = null;

  private constructor(
    readonly window: WindowReport,
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly app: DesktopApp,
  ) {}

  static async open(
    browser: Browser,
    window: WindowReport,
    app: DesktopApp,
  ): Promise<RendererPage> {
    const context = await browser.newContext({
      viewport: { width: window.width, height: window.height },
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const renderer = new RendererPage(window, context, page, cdp, app);
    await renderer.#wire();
    return renderer;
  }

  async #wire(): Promise<void> {
    const { page, cdp, window } = this;
    page.on('pageerror', (err) => this.problems.push(`page error: ${err.message}`));
    page.on('console', (m) => {
      this.consoleLines.push(`${m.type()}: ${m.text()}`);
      if (m.type() === 'error') this.problems.push(`console error: ${m.text()}`);
    });
    cdp.on('Runtime.executionContextCreated', (e: { context: ExecutionContext }) =>
      this.#contexts.set(e.context.id, e.context),
    );
    cdp.on('Runtime.executionContextDestroyed', (e: { executionContextId: number }) =>
      this.#contexts.delete(e.executionContextId),
    );
    cdp.on('Runtime.executionContextsCleared', () => this.#contexts.clear());
    cdp.on(
      'Runtime.bindingCalled',
      (e: { name: string; payload: string; executionContextId: number }) =>
        void this.#fromPreload(e.payload, e.executionContextId).catch((err: unknown) => {
          // A call the page made as it was closing (app.quit()): Electron drops IPC from a
          // destroyed webContents, so the stand-in does too. Anything else still fails the test.
          if (!/has been closed/.test(String(err))) throw err;
        }),
    );
    await cdp.send('Page.enable');
    await cdp.send('Runtime.enable');
    await cdp.send('Runtime.addBinding', {
      name: '__peakWatchStandinIpc',
      executionContextName: PRELOAD_WORLD,
    });

    // The preload, read when the window is created, as Electron reads it.
    const preloadPath = window.webPreferences.preload;
    const code = preloadPath ? await readFile(preloadPath, 'utf8').catch(() => null) : null;
    if (preloadPath && code === null) {
      this.#preloadFailed(preloadPath, `ENOENT: no such file or directory, open '${preloadPath}'`);
    } else if (preloadPath && code !== null) {
      await cdp.send('Page.addScriptToEvaluateOnNewDocument', {
        worldName: PRELOAD_WORLD,
        source: preloadWorldSource(code, {
          preloadPath,
          contextIsolation: window.webPreferences.contextIsolation,
          process: sandboxProcessInfo(),
        }),
      });
    }
    await page.addInitScript({ content: mainWorldSource() });

    // Every request: nothing off loopback; a navigation main did not start is main's to allow.
    await this.context.route('**/*', async (route) => {
      const request = route.request();
      const url = request.url();
      if (!request.isNavigationRequest())
        return loopback(url) ? route.continue() : route.abort('blockedbyclient');
      // A popup's first request comes before its frame exists (Playwright then throws).
      let frame: ReturnType<typeof request.frame> | null = null;
      try {
        frame = request.frame();
      } catch {
        frame = null;
      }
      const popup = !frame || frame.page() !== page;
      if (!popup && frame === page.mainFrame() && url === this.#expectedNavigation) {
        this.#expectedNavigation = null;
        return route.continue();
      }
      const allowed = popup
        ? await this.#askWindowOpen(url)
        : await this.#askNavigate(url, frame === page.mainFrame());
      if (allowed && loopback(url)) return route.continue();
      // 204 No Content: the browser stays where it is, as a prevented navigation does (an
      // aborted one would show Chromium's error page instead).
      await route.fulfill({ status: 204, body: '' });
      if (popup) {
        for (const other of this.context.pages()) if (other !== page) await other.close();
      }
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame())
        this.app.tell({ t: 'frame-url', windowId: window.id, url: frame.url() });
    });
  }

  #preloadFailed(path: string, message: string): void {
    this.preloadEvents.push({ op: 'preload-error', message });
    this.problems.push(`Unable to load preload script: ${path}: ${message}`);
    this.app.tell({ t: 'preload-error', windowId: this.window.id, path, message });
  }

  async #askNavigate(url: string, isMainFrame: boolean): Promise<boolean> {
    const id = this.app.newId();
    this.app.tell({ t: 'navigate', id, windowId: this.window.id, url, isMainFrame });
    const d = await this.app.waitFor('navigate decision', () =>
      this.app.reported('navigate-decision').find((r) => r.id === id),
    );
    return d.allow;
  }

  async #askWindowOpen(url: string): Promise<boolean> {
    const id = this.app.newId();
    this.app.tell({ t: 'window-open', id, windowId: this.window.id, url, features: '' });
    const d = await this.app.waitFor('window-open decision', () =>
      this.app.reported('window-open-decision').find((r) => r.id === id),
    );
    return d.action === 'allow';
  }

  /** main's loadURL: grant what main's permission check allows for that origin, then navigate. */
  async load(msg: Extract<ToHarness, { t: 'load' }>): Promise<void> {
    const grants: string[] = [];
    for (const [playwright, electron] of PERMISSIONS) {
      if (await this.app.permission(this.window.id, 'check', electron, msg.url))
        grants.push(playwright);
    }
    await this.context.clearPermissions();
    if (grants.length)
      await this.context.grantPermissions(grants, { origin: new URL(msg.url).origin });
    this.#expectedNavigation = msg.url;
    try {
      await this.page.goto(msg.url);
      this.loaded = true;
      this.app.tell({ t: 'loaded', id: msg.id, ok: true });
    } catch (err) {
      this.app.tell({ t: 'loaded', id: msg.id, ok: false, error: String(err) });
    }
  }

  async #frameOf(
    contextId: number,
  ): Promise<{ frameId: string; isMainFrame: boolean; url: string }> {
    const frameId = this.#contexts.get(contextId)?.auxData?.frameId ?? '';
    const tree = (await this.cdp.send('Page.getFrameTree')) as {
      frameTree: { frame: { id: string; url: string }; childFrames?: unknown[] };
    };
    const urls = new Map<string, string>();
    const walk = (node: { frame: { id: string; url: string }; childFrames?: unknown[] }): void => {
      urls.set(node.frame.id, node.frame.url);
      for (const child of node.childFrames ?? []) walk(child as typeof node);
    };
    walk(tree.frameTree);
    return {
      frameId,
      isMainFrame: frameId === tree.frameTree.frame.id,
      url: urls.get(frameId) ?? '',
    };
  }

  async #fromPreload(payload: string, contextId: number): Promise<void> {
    const msg = JSON.parse(payload) as {
      op: string;
      id: number;
      channel: string;
      args: string;
      key?: string;
      path?: string;
      message?: string;
    };
    if (msg.op === 'invoke') {
      this.#invokeContexts.set(msg.id, contextId);
      this.app.tell({
        t: 'invoke',
        id: msg.id,
        windowId: this.window.id,
        frame: await this.#frameOf(contextId),
        channel: msg.channel,
        args: unwire(msg.args),
      });
    } else if (msg.op === 'preload-error') {
      this.#preloadFailed(msg.path ?? '', msg.message ?? '');
    } else {
      this.preloadEvents.push({ op: msg.op, ...(msg.key ? { key: msg.key } : {}) });
    }
  }

  async answerInvoke(msg: Extract<ToHarness, { t: 'invoke-result' }>): Promise<void> {
    const contextId = this.#invokeContexts.get(msg.id);
    if (contextId === undefined) return;
    this.#invokeContexts.delete(msg.id);
    const reply = msg.ok
      ? { op: 'invoke-result', id: msg.id, ok: true, value: wire([msg.value]) }
      : { op: 'invoke-result', id: msg.id, ok: false, error: msg.error };
    await this.#evaluateIn(contextId, reply);
  }

  /** webContents.send: to ipcRenderer listeners in the main frame's preload world. */
  async deliver(channel: string, args: unknown[]): Promise<void> {
    const tree = (await this.cdp.send('Page.getFrameTree')) as {
      frameTree: { frame: { id: string } };
    };
    const world = [...this.#contexts.values()].find(
      (c) => c.name === PRELOAD_WORLD && c.auxData?.frameId === tree.frameTree.frame.id,
    );
    if (world) await this.#evaluateIn(world.id, { op: 'message', channel, args: wire(args) });
  }

  async #evaluateIn(contextId: number, msg: unknown): Promise<void> {
    await this.cdp
      .send('Runtime.evaluate', {
        contextId,
        expression: `__peakWatchStandinIpcIn(${JSON.stringify(JSON.stringify(msg))})`,
      })
      .catch(() => undefined); // the page navigated away meanwhile
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}
