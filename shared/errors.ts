// Errors that cross a boundary (IPC, HTTP, the CLI): a stable code, a message in the user's
// words and a fix — never a stack trace. Pure, like the rest of shared/, and free of any npm
// package: the sandboxed preload bundles this file, and Electron's sandboxed preload loader can
// load no npm package (https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts).

/**
 * Every code an error that crosses a boundary carries. The page, the CLI and tests branch on
 * these, so they are one closed list: a misspelt code fails typecheck where it is written.
 */
export const CONSOLE_ERROR_CODES = [
  // Anything the core did not anticipate (toErrorInfo of a plain Error).
  'internal',
  // The request itself: dispatch, the web host and the CLI's arguments.
  'invalid-request',
  'unknown-method',
  'usage',
  'forbidden',
  'unauthorized',
  'method-not-allowed',
  'invalid-json',
  'payload-too-large',
  'desktop-only-setting',
  // The web console's client, when the host does not answer or no longer knows the page.
  'host-unreachable',
  'session-expired',
  // A request the page gave up on or left running.
  'aborted',
  'busy',
  // The data folder, its files and its secrets.
  'data-dir',
  'file-access',
  'lock-timeout',
  'invalid-settings',
  'settings-read-only',
  'settings-unreadable',
  'history-read-only',
  'history-unreadable',
  'secret-invalid',
  'secret-unreadable',
  'secret-unsafe',
  'token-required',
  'token-file-unreadable',
  // Ports and the embedded server.
  'port-in-use',
  'port-forbidden',
  'invalid-port',
  'address-unavailable',
  'listen-failed',
  'no-free-port',
  'no-port-holder',
  'server-not-listening',
  'clipboard-unavailable',
  // The stack and its runtimes.
  'stack',
  'stack-busy',
  'stack-files-missing',
  'compose-missing',
  'compose-file-missing',
  'compose-up-failed',
  'docker-missing',
  'docker-engine-unreachable',
  'docker-status-failed',
  'docker-logs-failed',
  'compose-down-failed',
  'image-missing',
  'stack-restart-failed',
  // A child process (electron/services/exec.ts) before a caller names the failure better.
  'command-not-found',
  'command-failed',
  'command-timeout',
  'command-aborted',
  'prometheus-missing',
  'prometheus-unusable',
  'prometheus-not-running',
  'prometheus-config-mismatch',
  'prometheus-reload-failed',
  'prometheus-reload-silent',
  'prometheus-start-timeout',
  'prometheus-exited',
  'grafana-missing',
  'grafana-unusable',
  'grafana-unreachable',
  'grafana-bad-response',
  'grafana-start-timeout',
  'grafana-exited',
  // Prometheus or an existing source over HTTP.
  'prometheus-unreachable',
  'prometheus-timeout',
  'prometheus-tls',
  'prometheus-unauthorized',
  'prometheus-forbidden',
  'prometheus-bad-response',
  'prometheus-bad-query',
  'source-secret-needed',
  'source-ca-unreadable',
  'source-no-ui',
  'source-no-targets',
  'source-no-rules',
  'source-no-metadata',
  // Watched instances and remote-write receivers.
  'instance-exists',
  'instance-not-found',
  'instance-is-embedded-server',
  'remote-write-invalid',
  'remote-write-unknown',
  'remote-write-too-many',
  // The OTLP receiver and what reads it (docs/TELEMETRY.md).
  'telemetry-off',
  'trace-not-found',
  'otlp-malformed',
  'otlp-too-large',
  'otlp-unsupported-media-type',
  'source-no-exemplars',
] as const;

export type ConsoleErrorCode = (typeof CONSOLE_ERROR_CODES)[number];

export function isConsoleErrorCode(code: unknown): code is ConsoleErrorCode {
  return (CONSOLE_ERROR_CODES as readonly unknown[]).includes(code);
}

export interface ConsoleErrorInfo {
  /** Stable kind, e.g. 'invalid-request', 'prometheus-unreachable', 'docker-missing'. */
  code: ConsoleErrorCode;
  message: string;
  /** What the user can do about it. */
  fix?: string;
}

/**
 * What crosses IPC and HTTP as a plain value: the answer or an error the renderer can show. Both
 * hosts send it (electron/services/dispatch.ts) and both clients read it with unwrap().
 */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ConsoleErrorInfo };

/** The error the renderer sees: a real Error carrying code and fix. */
export class ConsoleError extends Error {
  readonly code: ConsoleErrorCode;
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

/** Whether a value read off the wire (an HTTP body, an IPC answer) has the Envelope's shape. */
export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (!value || typeof value !== 'object' || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: unknown };
  if (v.ok === true) return 'value' in value;
  return v.ok === false && !!v.error && typeof v.error === 'object';
}

/** The value, or the error as a ConsoleError: how both clients read what a host answered. */
export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new ConsoleError(envelope.error);
}

/** The part of a zod error the formatter reads (shared/ outside zod stays free of zod). */
export interface IssueList {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}

/**
 * The one wording of validation issues: "path.to.field: what is wrong", one per issue. `whole`
 * names an issue about the value as a whole (a settings file says "settings"); `separator` joins
 * them ('\n' where each issue gets its own line, '; ' inside one message).
 */
export function describeIssues(
  error: IssueList,
  { whole = '', separator = '; ' }: { whole?: string; separator?: string } = {},
): string {
  return error.issues
    .map((i) => {
      const path = i.path.length ? i.path.map(String).join('.') : whole;
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join(separator);
}
