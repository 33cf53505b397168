// The official OpenTelemetry SDK, wired to export the embedded server's spans and log records
// to an OTLP/HTTP receiver (the core's own, docs/TELEMETRY.md, or any other). One instance per
// target: moving the receiver shuts this one down and builds the next.
import { OTLPLogExporter as OTLPLogExporterJson } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPTraceExporter as OTLPTraceExporterJson } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { RequestTracing } from '../metrics-server/tracing';

export const SERVICE_NAME = 'peak-watch-server';
export const SCOPE_NAME = 'peak-watch/metrics-server';

export interface ExportTarget {
  /** The receiver's base URL, e.g. http://127.0.0.1:4318 (the paths /v1/traces, /v1/logs follow). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; null for a loopback receiver, which asks for none. */
  token: string | null;
  /** OTEL_EXPORTER_OTLP_PROTOCOL's two HTTP values; protobuf is the SDK's default. */
  protocol: 'http/protobuf' | 'http/json';
}

// Spans leave in batches every second, at most 2048 waiting: a receiver that is down costs a
// bounded queue (the SDK drops the rest), never the request path. Exports time out after 5 s.
const BATCH = { scheduledDelayMillis: 1000, maxQueueSize: 2048, exportTimeoutMillis: 5000 };
/** Quit waits at most this long for the last batch; a receiver that is gone must not hold it. */
export const SHUTDOWN_TIMEOUT_MS = 3000;

export interface ServerTelemetry {
  readonly tracing: RequestTracing;
  readonly target: ExportTarget;
  /** Flushes what is queued (bounded by SHUTDOWN_TIMEOUT_MS) and stops both providers. */
  shutdown(): Promise<void>;
}

/** The protocol a person asked for through the standard variable; protobuf otherwise. */
export function protocolFromEnv(env: NodeJS.ProcessEnv): ExportTarget['protocol'] {
  const asked = env.OTEL_EXPORTER_OTLP_PROTOCOL?.trim().toLowerCase();
  return asked === 'http/json' ? 'http/json' : 'http/protobuf';
}

export function startServerTelemetry(target: ExportTarget): ServerTelemetry {
  const headers: Record<string, string> = target.token
    ? { Authorization: `Bearer ${target.token}` }
    : {};
  const base = target.baseUrl.replace(/\/+$/, '');
  const json = target.protocol === 'http/json';
  const traceConfig = { url: `${base}/v1/traces`, headers, timeoutMillis: 5000 };
  const logConfig = { url: `${base}/v1/logs`, headers, timeoutMillis: 5000 };
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: SERVICE_NAME });
  const tracerProvider = new TracerProvider({
    resource,
    spanProcessors: [
      new BatchSpanProcessor({
        ...BATCH,
        exporter: json
          ? new OTLPTraceExporterJson(traceConfig)
          : new OTLPTraceExporter(traceConfig),
      }),
    ],
  });
  const loggerProvider = new LoggerProvider({
    resource,
    processors: [
      new BatchLogRecordProcessor({
        ...BATCH,
        exporter: json ? new OTLPLogExporterJson(logConfig) : new OTLPLogExporter(logConfig),
      }),
    ],
  });
  const tracing = new RequestTracing(
    tracerProvider.getTracer(SCOPE_NAME),
    loggerProvider.getLogger(SCOPE_NAME),
  );
  let done: Promise<void> | null = null;
  return {
    tracing,
    target,
    shutdown: () =>
      (done ??= withTimeout(
        Promise.allSettled([tracerProvider.shutdown(), loggerProvider.shutdown()]).then(
          () => undefined,
        ),
        SHUTDOWN_TIMEOUT_MS,
      )),
  };
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
