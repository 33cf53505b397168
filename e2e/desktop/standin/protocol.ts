// Part of the Electron stand-in (README.md here): the messages between the stand-in main process
// and the harness (renderer processes + the user). Both ends import these types.

export interface WindowReport {
  id: number;
  width: number;
  height: number;
  title: string;
  icon: string | null;
  webPreferences: {
    preload: string | null;
    contextIsolation: boolean;
    sandbox: boolean;
    nodeIntegration: boolean;
    webSecurity: boolean;
    [key: string]: unknown;
  };
}

export interface MenuReport {
  label: string | null;
  role: string | null;
  type: string;
  enabled: boolean;
  submenu: MenuReport[] | null;
}

/** Main → harness. */
export type ToHarness =
  | { t: 'ready' }
  | { t: 'window'; window: WindowReport }
  | { t: 'load'; id: number; windowId: number; url: string; appUrl: string }
  | { t: 'window-call'; windowId: number; method: string }
  | { t: 'send'; windowId: number; channel: string; args: unknown[] }
  | { t: 'invoke-result'; id: number; ok: boolean; value?: unknown; error?: string }
  | { t: 'navigate-decision'; id: number; allow: boolean }
  | { t: 'window-open-decision'; id: number; action: string }
  | { t: 'permission-decision'; id: number; granted: boolean }
  | { t: 'handlers'; channels: string[] }
  | { t: 'open-external'; url: string }
  | { t: 'open-path'; path: string }
  | { t: 'app-menu'; items: MenuReport[] | null }
  | { t: 'notification'; id: number; title: string; body: string }
  | { t: 'tray'; op: string; detail: unknown }
  | { t: 'dialog'; id: number; kind: 'messageBox'; message: string; buttons: string[] }
  | { t: 'error-box'; title: string; content: string }
  | { t: 'second-instance'; argv: string[] }
  | { t: 'exit'; code: number }
  | { t: 'preload-error'; windowId: number; path: string; message: string };

export interface FrameRef {
  /** The Chromium frame id; the main frame's is its page's. */
  frameId: string;
  isMainFrame: boolean;
  url: string;
}

/** Harness → main. */
export type FromHarness =
  | { t: 'invoke'; id: number; windowId: number; frame: FrameRef; channel: string; args: unknown[] }
  | { t: 'loaded'; id: number; ok: boolean; error?: string }
  | { t: 'frame-url'; windowId: number; url: string }
  | { t: 'navigate'; id: number; windowId: number; url: string; isMainFrame: boolean }
  | { t: 'window-open'; id: number; windowId: number; url: string; features: string }
  | {
      t: 'permission';
      id: number;
      windowId: number;
      kind: 'request' | 'check';
      permission: string;
      url: string;
    }
  | { t: 'dialog-answer'; id: number; response: number }
  | { t: 'preload-error'; windowId: number; path: string; message: string }
  | { t: 'quit' }
  | { t: 'close-window'; windowId: number }
  | { t: 'minimize'; windowId: number }
  | { t: 'menu-click'; path: string[] }
  | { t: 'tray-menu-click'; label: string }
  | { t: 'notification-click'; id: number };
