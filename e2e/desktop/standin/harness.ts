// Part of the Electron stand-in (README.md here): the desktop suite's side. It starts the *built*
// main process (out/main/main.js) under Node with `electron` resolved to the stand-in, and plays
// everything main talks to — each BrowserWindow is a Debian Chromium page whose preload runs in
// an isolated world (renderer-page.ts) — and the user: menu clicks, dialog answers, Quit.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import type { FromHarness, ToHarness, WindowReport } from './protocol';
import { RendererPage } from './renderer-page';

export const root = join(import.meta.dirname, '..', '..', '..');
export const builtMain = join(root, 'out', 'main', 'main.js');

export interface LaunchOptions {
  browser: Browser;
  /** The data folder (PEAK_WATCH_DATA_DIR): settings, the stack, the single-instance lock. */
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Whether to open windows in Chromium (a second instance never gets that far). */
  renderer?: boolean;
}

export class DesktopApp {
  readonly reports: ToHarness[] = [];
  readonly windows = new Map<number, RendererPage>();
  /** Windows whose page is still being set up; what main sends them waits for it. */
  #opening = new Map<number, Promise<RendererPage | undefined>>();
  readonly exited: Promise<{ code: number | null; signal: string | null }>;
  #output = '';
  #listeners = new Set<() => void>();
  #dialogAnswers: number[] = [];
  #nextId = 1_000_000;

  constructor(
    private readonly child: ChildProcess,
    private readonly opts: LaunchOptions,
  ) {
    child.stdout?.on('data', (b: Buffer) => (this.#output += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (this.#output += b.toString()));
    child.on('message', (msg: ToHarness) => void this.#receive(msg));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        resolve({ code, signal });
        this.#changed();
      }),
    );
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }
  output(): string {
    return this.#output;
  }
  tell(msg: FromHarness): void {
    if (this.child.connected) this.child.send(msg);
  }
  newId(): number {
    return ++this.#nextId;
  }

  /** Waits until `pick` finds something in what main reported (or the app exits). */
  async waitFor<T>(
    what: string,
    pick: () => T | undefined | null | false,
    timeoutMs = 30_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = pick();
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `desktop stand-in: timed out waiting for ${what}\n--- main's output ---\n${this.#output}`,
        );
      }
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.#listeners.delete(done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, 200);
        this.#listeners.add(done);
      });
    }
  }

  reported<T extends ToHarness['t']>(type: T): Extract<ToHarness, { t: T }>[] {
    return this.reports.filter((r): r is Extract<ToHarness, { t: T }> => r.t === type);
  }

  /** The first window main opened, once its page has loaded the app. */
  async mainWindow(): Promise<RendererPage> {
    return this.waitFor('the main window to load', () => {
      const first = [...this.windows.values()][0];
      return first?.loaded ? first : undefined;
    });
  }

  /** The user answers main's next message boxes with these button indexes, in order. */
  answerDialogs(...responses: number[]): void {
    this.#dialogAnswers.push(...responses);
  }

  /** Quit as the user would (app menu → Quit, Ctrl+Q): app.quit(). */
  async quit(timeoutMs = 60_000): Promise<number | null> {
    this.tell({ t: 'quit' });
    const exit = await Promise.race([
      this.exited,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs)),
    ]);
    if (!exit) throw new Error(`desktop stand-in: the app did not quit\n${this.#output}`);
    return exit.code;
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
    await Promise.all([...this.windows.values()].map((w) => w.close()));
  }

  /** Asks main over IPC as a renderer would, from any frame the test names. */
  invoke(
    windowId: number,
    frame: { frameId: string; isMainFrame: boolean; url: string },
    channel: string,
    args: unknown[],
  ): Promise<{ ok: boolean; value?: unknown; error?: string }> {
    const id = this.newId();
    this.tell({ t: 'invoke', id, windowId, frame, channel, args });
    return this.waitFor(`main's answer on ${channel}`, () =>
      this.reported('invoke-result').find((r) => r.id === id),
    );
  }

  /** What main's session permission handlers decide for a permission asked by a page URL. */
  async permission(
    windowId: number,
    kind: 'request' | 'check',
    permission: string,
    url: string,
  ): Promise<boolean> {
    const id = this.newId();
    this.tell({ t: 'permission', id, windowId, kind, permission, url });
    const decision = await this.waitFor(`main's decision on ${permission}`, () =>
      this.reported('permission-decision').find((r) => r.id === id),
    );
    return decision.granted;
  }

  async #receive(msg: ToHarness): Promise<void> {
    this.reports.push(msg);
    try {
      if (msg.t === 'window' && this.opts.renderer !== false) await this.#openWindow(msg.window);
      else if (msg.t === 'load') await (await this.#opening.get(msg.windowId))?.load(msg);
      else if (msg.t === 'send')
        await (await this.#opening.get(msg.windowId))?.deliver(msg.channel, msg.args);
      else if (msg.t === 'invoke-result') this.windows.forEach((w) => void w.answerInvoke(msg));
      else if (msg.t === 'dialog') {
        const response = this.#dialogAnswers.shift();
        if (response === undefined)
          throw new Error(`desktop stand-in: nobody answers the dialog "${msg.message}"`);
        this.tell({ t: 'dialog-answer', id: msg.id, response });
      } else if (msg.t === 'window-call' && msg.method === 'closed') {
        await this.windows.get(msg.windowId)?.close();
      }
    } catch (err) {
      this.#output += `\n[desktop stand-in harness] ${String(err)}\n`;
    } finally {
      this.#changed();
    }
  }

  async #openWindow(window: WindowReport): Promise<void> {
    const opening = RendererPage.open(this.opts.browser, window, this);
    this.#opening.set(window.id, opening);
    this.windows.set(window.id, await opening);
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}

export function launchDesktopApp(opts: LaunchOptions): DesktopApp {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', join(import.meta.dirname, 'register.mjs'), builtMain],
    {
      cwd: root,
      env: { ...process.env, ...opts.env, PEAK_WATCH_DATA_DIR: opts.dataDir },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    },
  );
  return new DesktopApp(child, opts);
}
