// Each request of the embedded server as an OpenTelemetry SERVER span, and its refusals and
// errors as log records carrying that span's trace and span id (docs/TELEMETRY.md). Present
// only while telemetry.instrument is on: with it off the pipeline holds null and calls nothing.
//
// What a span records is what the metrics record — method, the route TEMPLATE (the metrics'
// __unknown__ catch-all for any other path), the status — plus url.scheme and server.port.
// Never a header, the query string, the raw path or a body: any of them can carry a secret.
import {
  ROOT_CONTEXT,
  SeverityNumber,
  SpanKind,
  SpanStatusCode,
  trace,
  type Logger,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVER_PORT,
  ATTR_URL_SCHEME,
} from '@opentelemetry/semantic-conventions';
import type { TraceRef } from './trace-ref';

/** Refusals worth a log line: the watch-only 405, a missing token, a foreign Host. */
const REFUSALS: Readonly<Record<number, string>> = {
  401: 'refused: no valid bearer token',
  405: 'refused: Peak Watch is watch-only, nothing can be changed',
  421: 'refused: the Host header names no loopback address (DNS rebinding guard)',
};

export class RequestTracing {
  constructor(
    private readonly tracer: Tracer,
    private readonly logger: Logger,
  ) {}

  /** A span for a request that has just arrived; `port` is the local port it came in on. */
  begin(method: string, port: number | undefined): Span {
    return this.tracer.startSpan(method, {
      kind: SpanKind.SERVER,
      attributes: {
        [ATTR_HTTP_REQUEST_METHOD]: method === 'OTHER' ? '_OTHER' : method,
        [ATTR_URL_SCHEME]: 'http',
        ...(port !== undefined ? { [ATTR_SERVER_PORT]: port } : {}),
      },
    });
  }

  /**
   * Names the span by its route, records the status, logs a refusal or an error, ends it.
   * `matched`: the route is a template of the table, not the catch-all.
   */
  end(
    span: Span,
    method: string,
    route: string,
    status: number,
    matched: boolean,
  ): TraceRef | null {
    // Semantic conventions: "{method} {http.route}", or the method alone without a route.
    if (matched) span.updateName(`${method} ${route}`);
    span.setAttribute(ATTR_HTTP_ROUTE, route);
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
    // Server spans: a 5xx is the server's error; a 4xx is the client's and leaves it unset.
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    const why = status >= 500 ? 'error: the server could not answer' : REFUSALS[status];
    if (why !== undefined) this.log(span, method, route, status, why);
    span.end();
    const ctx = span.spanContext();
    return ctx.traceFlags & 1 ? { traceId: ctx.traceId, spanId: ctx.spanId } : null;
  }

  private log(span: Span, method: string, route: string, status: number, why: string): void {
    const error = status >= 500;
    this.logger.emit({
      severityNumber: error ? SeverityNumber.ERROR : SeverityNumber.WARN,
      severityText: error ? 'ERROR' : 'WARN',
      body: `${method} ${route} → ${status}: ${why}`,
      attributes: {
        [ATTR_HTTP_REQUEST_METHOD]: method === 'OTHER' ? '_OTHER' : method,
        [ATTR_HTTP_ROUTE]: route,
        [ATTR_HTTP_RESPONSE_STATUS_CODE]: status,
      },
      // The SDK copies the trace and span id from the span in this context.
      context: trace.setSpan(ROOT_CONTEXT, span),
    });
  }
}
