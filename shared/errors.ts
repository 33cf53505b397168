// Errors that cross a boundary (IPC, HTTP, the CLI): a stable code, a message in the user's
// words and a fix — never a stack trace. Pure, like the rest of shared/, and free of any npm
// package: the sandboxed preload bundles this file, and Electron's sandboxed preload loader can
// load no npm package (https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts).

/** What crosses IPC / HTTP: a value or an error the renderer can show. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ConsoleErrorInfo };

export interface ConsoleErrorInfo {
  /** Stable kind, e.g. 'invalid-request', 'prometheus-unreachable', 'docker-missing'. */
  code: string;
  message: string;
  /** What the user can do about it. */
  fix?: string;
}

/** The error the renderer sees: a real Error carrying code and fix. */
export class ConsoleError extends Error {
  readonly code: string;
  readonly fix: string | undefined;
  constructor(info: ConsoleErrorInfo) {
    super(info.message);
    this.name = 'ConsoleError';
    this.code = info.code;
    this.fix = info.fix;
  }
  toInfo(): ConsoleErrorInfo {
    return { code: this.code, message: this.message, ...(this.fix ? { fix: this.fix } : {}) };
  }
}

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new ConsoleError(envelope.error);
}

// Electron's contextBridge copies only an Error's message across worlds, so the preload encodes
// code and fix into it and the renderer's client decodes them back into a ConsoleError.
const BRIDGE_ERROR = /^\[([a-z0-9-]+)\] ([\s\S]*?)(?:\nFix: ([\s\S]*))?$/;

export function encodeBridgeError(info: ConsoleErrorInfo): string {
  return `[${info.code}] ${info.message}${info.fix ? `\nFix: ${info.fix}` : ''}`;
}

export function decodeBridgeError(err: unknown): ConsoleError {
  if (err instanceof ConsoleError) return err;
  const message = err instanceof Error ? err.message : String(err);
  // Electron prefixes "Error invoking remote method '…': " in some paths; look past it.
  const start = message.indexOf('[');
  const m = BRIDGE_ERROR.exec(start >= 0 ? message.slice(start) : message);
  if (!m) return new ConsoleError({ code: 'internal', message });
  return new ConsoleError({
    code: m[1] ?? 'internal',
    message: m[2] ?? '',
    ...(m[3] ? { fix: m[3] } : {}),
  });
}
