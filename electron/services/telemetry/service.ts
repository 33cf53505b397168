// The receiver as the console sees it: one store for the process's life, a server started,
// stopped or rebound as telemetry settings change (what changed is read from diffSettings), the
// status, and the `telemetry` event — on every start, stop or failure, and at most once a second
// while exports arrive (a flood of items must not become a flood of events).
import { ConsoleError, type ConsoleErrorInfo } from '../../../shared/errors';
import type {
  LogRecordView,
  LogSearchRequest,
  TelemetryStatus,
  TraceSearchRequest,
  TraceSummary,
  TraceView,
} from '../../../shared/contract/telemetry';
import {
  diffSettings,
  isLoopbackHost,
  type Settings,
  type TelemetrySettings,
} from '../../../shared/settings';
import type { ConsoleEventBus } from '../events';
import { OtlpReceiver } from './receiver';
import { TelemetryMemory } from './store';

export interface TelemetryServiceDeps {
  settings: () => Settings;
  /** The instance token (secrets/server-token). */
  token: () => Promise<string>;
  events: ConsoleEventBus;
}

const EVENT_INTERVAL_MS = 1000;
const MB = 1024 * 1024;

export class TelemetryService {
  private readonly memory: TelemetryMemory;
  private receiver: OtlpReceiver | null = null;
  private applied: Settings | null = null;
  private error: ConsoleErrorInfo | null = null;
  private rejected = 0;
  private lastRejection: ConsoleErrorInfo | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private lastEmit = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly deps: TelemetryServiceDeps) {
    this.memory = new TelemetryMemory(deps.settings().telemetry.memoryMb * MB);
  }

  /** Applies the settings as they are now (the process that serves calls this once). */
  start(): Promise<void> {
    return this.apply(this.deps.settings());
  }

  /** A settings change: on/off, host/port (rebind) and memoryMb (the ring shrinks at once). */
  apply(next: Settings): Promise<void> {
    const run = this.queue.then(() => this.applyNow(next));
    this.queue = run.catch(() => undefined);
    return run;
  }

  status(): TelemetryStatus {
    const t = (this.applied ?? this.deps.settings()).telemetry;
    const bound = this.receiver?.address ?? null;
    const counts = this.memory.counts();
    return {
      enabled: t.enabled,
      listening: bound !== null,
      endpoint: bound ? browsableUrl(bound.host, bound.port) : null,
      tokenRequired: !isLoopbackHost(t.host),
      instrumenting: bound !== null && t.instrument,
      spans: counts.spans,
      logs: counts.logs,
      ceilingBytes: this.memory.ceilingBytes,
      rejected: this.rejected,
      lastRejection: this.lastRejection,
      error: this.error,
    };
  }

  searchTraces(req?: TraceSearchRequest): TraceSummary[] {
    return this.memory.searchTraces(req);
  }

  getTrace(traceId: string): TraceView {
    const trace = this.memory.getTrace(traceId);
    if (trace) return trace;
    const off = this.receiver === null;
    throw new ConsoleError({
      code: 'trace-not-found',
      message: `No trace ${traceId} is kept${off ? ' (the OTLP receiver is off)' : ' (never received, or dropped under the memory ceiling)'}`,
      fix: off
        ? 'Turn it on in Settings → Telemetry, or: peak-watch settings set telemetry.enabled true'
        : 'Raise Settings → Telemetry memory to keep more',
    });
  }

  searchLogs(req?: LogSearchRequest): LogRecordView[] {
    return this.memory.searchLogs(req);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.queue;
    await this.receiver?.stop();
    this.receiver = null;
  }

  private async applyNow(settings: Settings): Promise<void> {
    if (this.closed) return;
    const previous = this.applied;
    this.applied = settings;
    const diff = previous === null ? null : diffSettings(previous, settings);
    if (diff !== null && !diff.has('telemetry')) return;
    const changed = (...fields: (keyof TelemetrySettings)[]): boolean =>
      diff === null || diff.has('telemetry', ...fields);
    const next = settings.telemetry;
    if (changed('memoryMb')) this.memory.setCeiling(next.memoryMb * MB);
    if (changed('enabled', 'host', 'port')) await this.rebind(next);
    this.emitNow();
  }

  private async rebind(next: TelemetrySettings): Promise<void> {
    await this.receiver?.stop();
    this.receiver = null;
    this.error = null;
    if (!next.enabled) return;
    const receiver = new OtlpReceiver({
      host: next.host,
      port: next.port,
      token: await this.deps.token(),
      memory: this.memory,
      status: () => this.status(),
      onIngest: () => this.emitSoon(),
      onReject: (why) => {
        this.rejected += 1;
        this.lastRejection = why;
        this.emitSoon();
      },
    });
    try {
      await receiver.start();
      this.receiver = receiver;
    } catch (err) {
      // A taken port leaves the app running: the status says why and what to change.
      this.error =
        err instanceof ConsoleError
          ? err.toInfo()
          : { code: 'listen-failed', message: String(err) };
    }
  }

  private emitSoon(): void {
    if (this.timer || this.closed) return;
    const wait = this.lastEmit + EVENT_INTERVAL_MS - Date.now();
    if (wait <= 0) return this.emitNow();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.emitNow();
    }, wait);
    this.timer.unref();
  }

  private emitNow(): void {
    this.lastEmit = Date.now();
    this.deps.events.emit('telemetry', this.status());
  }
}

/** A URL an exporter on this machine can use: a wildcard bind is reached via loopback. */
function browsableUrl(host: string, port: number): string {
  if (host === '0.0.0.0') return `http://127.0.0.1:${port}`;
  if (host === '::' || host === '[::]') return `http://[::1]:${port}`;
  const bare = host.replace(/^\[|\]$/g, '');
  return bare.includes(':') ? `http://[${bare}]:${port}` : `http://${bare}:${port}`;
}

/** In a process that serves: the receiver as the settings say now, and after every change
 * (made here or in settings.json by another client; both arrive as the `settings` event). */
export function followTelemetrySettings(service: TelemetryService, events: ConsoleEventBus): void {
  void service.start();
  events.on('settings', (view) => void service.apply(view.settings));
}
