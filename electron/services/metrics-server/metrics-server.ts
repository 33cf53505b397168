// The embedded watch-only metrics server: lifecycle, flags and status. What happens to a
// single request lives in request-pipeline.ts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConsoleError, type PortHolderInfo, type ServerStatus } from '../../../shared/api';
import { isLoopbackHost } from '../../../shared/settings';
import { createBearerCheck } from './bearer';
import { answerClientError } from './client-errors';
import { WATCH_ONLY_ROUTES } from './handlers';
import { HttpInstrumentation } from './instrumentation';
import { describeListenError, describePortHeldByApp, statusErrorText } from './listen-errors';
import { probePortHolder } from './port-holder';
import {
  defaultPromClientLoader,
  loadPromClient,
  type LoadedPromClient,
  type PromClientLoader,
} from './prom-client';
import { createRequestListener } from './request-pipeline';
import { RouteTable } from './routes';
import type { RequestTracing } from './tracing';
import type { ServerState } from './state';

export interface MetricsServerOptions {
  host: string;
  /** 0 picks a free port (tests); `address` tells which. */
  port: number;
  /** PEAK_TRADE_PROMETHEUS_ENABLED: record peak_trade_http_* metrics. */
  enabled: boolean;
  /** REQUIRE_PROMETHEUS_CLIENT: /metrics answers 503 when prom-client is unavailable. */
  strict: boolean;
  /** Bearer token for /metrics and /api/; required when host is not loopback. */
  token: string | null;
  /** Defaults to import('prom-client'); a loader that rejects simulates a missing client. */
  loadPromClient?: () => Promise<typeof import('prom-client')>;
  /** Ports a suggested new port must not be (the stack's, free while it is down). */
  reservedPorts?: readonly number[];
}

// A slow or stalled client must not hold a connection: it gets 10 s for its headers, 30 s for
// the whole request, and an idle keep-alive connection is dropped after 5 s.
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
const SOCKET_IDLE_TIMEOUT_MS = 30_000;
// Node sweeps for expired header/request timers this often (default 30 s would double them).
const TIMEOUT_SWEEP_MS = 2_000;
const MAX_HEADER_BYTES = 16_384;

export class MetricsServer {
  readonly routes: readonly string[];
  private readonly host: string;
  private readonly port: number;
  private readonly loader: PromClientLoader;
  private readonly state: ServerState;
  private readonly table = new RouteTable(WATCH_ONLY_ROUTES);
  private readonly listeners = new Set<(s: ServerStatus) => void>();
  private server: Server | null = null;
  private bound: { host: string; port: number } | null = null;
  private starting: Promise<void> | null = null;
  private promLoad: Promise<LoadedPromClient | null> | null = null;
  private startedAtIso: string | null = null;
  private lastError: string | null = null;
  private portHolder: PortHolderInfo | null = null;
  private readonly reservedPorts: readonly number[];

  constructor(opts: MetricsServerOptions) {
    if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
      throw new ConsoleError({
        code: 'invalid-port',
        message: `Port ${opts.port} is not a TCP port`,
        fix: 'Choose a port between 1 and 65535 in Settings → Server port',
      });
    }
    const loopback = isLoopbackHost(opts.host);
    if (!loopback && !opts.token) {
      throw new ConsoleError({
        code: 'token-required',
        message: `Binding ${opts.host} exposes /metrics and /api/ beyond this machine; a bearer token is required`,
        fix: 'Set a server token, or bind 127.0.0.1 in Settings → Server host',
      });
    }
    this.host = opts.host;
    this.port = opts.port;
    this.loader = opts.loadPromClient ?? defaultPromClientLoader;
    this.reservedPorts = opts.reservedPorts ?? [];
    this.routes = this.table.templates;
    this.state = {
      enabled: opts.enabled,
      strict: opts.strict,
      prom: null,
      instrumentation: null,
      tracing: null,
      checkBearer: !loopback && opts.token ? createBearerCheck(opts.token) : null,
      loopbackOnly: loopback,
      requestsServed: 0,
      startedAt: performance.now(),
    };
  }

  get address(): { host: string; port: number } | null {
    return this.bound;
  }

  /** Listens; throws a ConsoleError (port-in-use, address-unavailable, …) when it cannot. */
  start(): Promise<void> {
    if (this.server !== null) return Promise.resolve();
    this.starting ??= this.listen().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  /** Closes the listener and every connection, keep-alive ones included. */
  async stop(): Promise<void> {
    if (this.starting !== null) await this.starting.catch(() => undefined);
    const server = this.server;
    if (server === null) return;
    this.server = null;
    this.bound = null;
    this.startedAtIso = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    this.emit();
  }

  /** Takes effect on the very next request; no restart. */
  setFlags(flags: { enabled?: boolean; strict?: boolean }): void {
    const enabled = flags.enabled ?? this.state.enabled;
    const strict = flags.strict ?? this.state.strict;
    if (enabled === this.state.enabled && strict === this.state.strict) return;
    this.state.enabled = enabled;
    this.state.strict = strict;
    this.syncInstrumentation();
    this.emit();
  }

  /** Spans and log records for each request from the very next one on; null stops them. */
  setTracing(tracing: RequestTracing | null): void {
    this.state.tracing = tracing;
  }

  status(): ServerStatus {
    const { state, bound } = this;
    return {
      listening: this.server !== null,
      url: bound ? browsableUrl(bound.host, bound.port) : '',
      host: this.host,
      port: bound?.port ?? this.port,
      enabled: state.enabled,
      strict: state.strict,
      promClientAvailable: state.prom !== null,
      promClientVersion: state.prom?.version ?? null,
      requestsServed: state.requestsServed,
      startedAt: this.startedAtIso,
      requiresToken: state.checkBearer !== null,
      error: this.lastError,
      portHolder: this.portHolder,
    };
  }

  /** Fired on start, stop and flag changes — not per request. Returns the unsubscribe. */
  onStatusChange(listener: (s: ServerStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async listen(): Promise<void> {
    // Loaded once per server, at first start: a missing client is a state, not an error.
    this.state.prom = await (this.promLoad ??= loadPromClient(this.loader));
    this.syncInstrumentation();
    const server = createServer(
      {
        maxHeaderSize: MAX_HEADER_BYTES,
        headersTimeout: HEADERS_TIMEOUT_MS,
        requestTimeout: REQUEST_TIMEOUT_MS,
        connectionsCheckingInterval: TIMEOUT_SWEEP_MS,
      },
      createRequestListener(this.state, this.table),
    );
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    server.setTimeout(SOCKET_IDLE_TIMEOUT_MS);
    server.on('clientError', (err: Error & { code?: string }, socket) => {
      if (answerClientError(err, socket)) this.state.requestsServed += 1;
    });
    try {
      await listenOn(server, this.host, this.port);
    } catch (err) {
      const plain = describeListenError(err, this.host, this.port);
      // Port 0 never collides; a taken fixed port is worth one look at who holds it.
      const holder =
        plain.code === 'port-in-use' && this.port !== 0
          ? await probePortHolder(this.host, this.port, this.reservedPorts)
          : null;
      const app = holder?.looksLikeApp ? holder : null;
      this.portHolder = holder;
      this.lastError = statusErrorText(
        app ? describePortHeldByApp(this.port, app, 'status') : plain,
      );
      const error = app ? describePortHeldByApp(this.port, app, 'settings') : plain;
      this.emit();
      throw error;
    }
    server.on('error', () => undefined); // after listen, errors are per connection and handled there
    this.server = server;
    this.bound = { host: this.host, port: (server.address() as AddressInfo).port };
    this.state.requestsServed = 0;
    this.state.startedAt = performance.now();
    this.startedAtIso = new Date().toISOString();
    this.lastError = null;
    this.portHolder = null;
    this.emit();
  }

  private syncInstrumentation(): void {
    const prom = this.state.prom;
    if (!this.state.enabled || prom === null) {
      this.state.instrumentation = null;
    } else if (this.state.instrumentation === null) {
      this.state.instrumentation = new HttpInstrumentation(prom.module);
    }
  }

  private emit(): void {
    const status = this.status();
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch {
        // A broken listener must not break the server or the other listeners.
      }
    }
  }
}

function listenOn(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen({ host, port }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** A URL a browser on this machine can open: a wildcard bind is reached via loopback. */
function browsableUrl(host: string, port: number): string {
  if (host === '0.0.0.0') return `http://127.0.0.1:${port}`;
  if (host === '::' || host === '[::]') return `http://[::1]:${port}`;
  const bare = host.replace(/^\[|\]$/g, '');
  return bare.includes(':') ? `http://[${bare}]:${port}` : `http://${bare}:${port}`;
}
