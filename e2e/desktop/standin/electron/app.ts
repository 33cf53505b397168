// Part of the Electron stand-in (../README.md): `app`, following
// https://www.electronjs.org/docs/latest/api/app — lifecycle (ready, before-quit, will-quit,
// quit, window-all-closed), quit() vs exit(), getPath/setPath, and the single-instance lock.
import { EventEmitter } from 'node:events';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { onHarness, PreventableEvent, strict, tell } from './link';

type Windows = { all(): { closeForQuit(): boolean; destroy(): void }[] };
let windows: Windows = { all: () => [] };
/** BrowserWindow registers itself, so quit() can close every window. */
export function registerWindows(w: Windows): void {
  windows = w;
}

class App extends EventEmitter {
  #ready = false;
  #quitting = false;
  #readyPromise: Promise<void>;
  #paths = new Map<string, string>([
    ['home', homedir()],
    ['appData', process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config')],
    ['temp', tmpdir()],
    ['exe', process.execPath],
  ]);
  #pendingNotice: Promise<void> = Promise.resolve();
  #lockServer: Server | null = null;
  #lockFile: string | null = null;
  readonly isPackaged = false;
  readonly name = 'Peak Watch';
  /** macOS only; undefined elsewhere, as in Electron. */
  readonly dock = undefined;

  constructor() {
    super();
    this.#paths.set('userData', join(this.#paths.get('appData')!, this.name));
    // `ready` fires once main's top-level code has run, as Electron initialises after it.
    this.#readyPromise = new Promise((resolve) =>
      setImmediate(() => {
        this.#ready = true;
        this.emit('will-finish-launching');
        this.emit('ready', new PreventableEvent(), {});
        tell({ t: 'ready' });
        resolve();
      }),
    );
  }

  whenReady(): Promise<void> {
    return this.#readyPromise;
  }
  isReady(): boolean {
    return this.#ready;
  }
  getName(): string {
    return this.name;
  }
  getVersion(): string {
    return (
      JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string }
    ).version;
  }
  getAppPath(): string {
    return process.cwd();
  }

  /** "Overrides the path … If the path specifies a directory that does not exist, an Error is thrown." */
  setPath(name: string, path: string): void {
    if (
      !this.#paths.has(name) &&
      !['userData', 'sessionData', 'logs', 'crashDumps'].includes(name)
    ) {
      throw new Error(`Failed to set path: unknown name ${name}`);
    }
    if (!existsSync(path) || !statSync(path).isDirectory()) {
      throw new Error(`Failed to set path: the directory ${path} does not exist`);
    }
    this.#paths.set(name, path);
  }
  getPath(name: string): string {
    const path = this.#paths.get(name);
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }

  /**
   * "The return value of this method indicates whether or not this instance of your application
   * successfully obtained the lock. If it failed … your app should quit immediately", and the
   * first instance gets `second-instance`. Electron keeps the lock in the userData folder; so
   * does the stand-in (a pid file and a Unix socket).
   */
  requestSingleInstanceLock(additionalData?: unknown): boolean {
    const dir = this.getPath('userData');
    mkdirSync(dir, { recursive: true });
    const lock = join(dir, 'SingletonLock');
    const socket = join(dir, 'SingletonSocket');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(lock, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        this.#lockFile = lock;
        rmSync(socket, { force: true });
        this.#lockServer = createServer((conn) => {
          let text = '';
          conn.on('data', (b: Buffer) => (text += b.toString()));
          conn.on('end', () => {
            const notice = JSON.parse(text) as { argv: string[]; cwd: string; data: unknown };
            this.emit(
              'second-instance',
              new PreventableEvent(),
              notice.argv,
              notice.cwd,
              notice.data,
            );
          });
        }).listen(socket);
        this.#lockServer.unref();
        process.once('exit', () => this.releaseSingleInstanceLock());
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = Number(readFileSync(lock, 'utf8'));
        if (holder && holder !== process.pid && alive(holder)) {
          this.#pendingNotice = new Promise((resolve) => {
            const conn = createConnection(socket, () =>
              conn.end(
                JSON.stringify({
                  argv: process.argv,
                  cwd: process.cwd(),
                  data: additionalData ?? null,
                }),
              ),
            );
            conn.on('close', () => resolve());
            conn.on('error', () => resolve());
          });
          return false;
        }
        rmSync(lock, { force: true }); // a stale lock of a process that is gone
      }
    }
    return false;
  }
  hasSingleInstanceLock(): boolean {
    return this.#lockFile !== null;
  }
  releaseSingleInstanceLock(): void {
    this.#lockServer?.close();
    if (this.#lockFile) rmSync(this.#lockFile, { force: true });
    this.#lockFile = null;
  }

  focus(): void {
    tell({ t: 'window-call', windowId: 0, method: 'app.focus' });
  }

  /**
   * "Try to close all windows. The before-quit event will be emitted first. If all windows are
   * successfully closed, the will-quit event will be emitted and by default the application will
   * terminate." window-all-closed is not emitted on this path.
   */
  quit(): void {
    setImmediate(() => {
      if (this.#quitting) return;
      const before = new PreventableEvent();
      this.emit('before-quit', before);
      if (before.defaultPrevented) return;
      this.#quitting = true;
      for (const win of windows.all()) {
        if (!win.closeForQuit()) {
          this.#quitting = false;
          return;
        }
      }
      const will = new PreventableEvent();
      this.emit('will-quit', will);
      if (will.defaultPrevented) {
        this.#quitting = false;
        return;
      }
      this.emit('quit', new PreventableEvent(), 0);
      this.#terminate(0);
    });
  }

  /** "Exits immediately … the before-quit and will-quit events will not be emitted." */
  exit(code = 0): void {
    for (const win of windows.all()) win.destroy();
    this.#terminate(code);
  }

  get quitting(): boolean {
    return this.#quitting;
  }

  #terminate(code: number): void {
    void this.#pendingNotice.then(() => {
      tell({ t: 'exit', code });
      this.releaseSingleInstanceLock();
      // Let the exit report reach the harness before the process goes.
      setTimeout(() => process.exit(code), 50);
    });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const app = strict('app', new App());
onHarness('quit', () => app.quit());
