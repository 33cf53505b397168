// One trace as the store indexes it: its kept spans and log records in arrival order, and the
// summary searchTraces shows, kept up to date as spans arrive (a search never walks spans).
import type { LogRecordView, SpanRecord, TraceSummary } from '../../../shared/contract/telemetry';

export class TraceEntry {
  readonly spans: SpanRecord[] = [];
  readonly logs: LogRecordView[] = [];
  private root: SpanRecord | null = null;
  private minStart = Infinity;
  private maxEnd = -Infinity;
  private errors = 0;
  private cached: TraceSummary | null = null;

  constructor(readonly traceId: string) {}

  get empty(): boolean {
    return this.spans.length === 0 && this.logs.length === 0;
  }

  addSpan(span: SpanRecord): void {
    this.spans.push(span);
    this.take(span);
    this.cached = null;
  }

  /** The oldest span goes (it is the ring's oldest, so first here too); the rest are re-read. */
  dropOldestSpan(): void {
    this.spans.shift();
    this.root = null;
    this.minStart = Infinity;
    this.maxEnd = -Infinity;
    this.errors = 0;
    for (const s of this.spans) this.take(s);
    this.cached = null;
  }

  addLog(log: LogRecordView): void {
    this.logs.push(log);
    if (this.cached) this.cached.logCount = this.logs.length;
  }

  dropOldestLog(): void {
    this.logs.shift();
    if (this.cached) this.cached.logCount = this.logs.length;
  }

  /** Null while no span of it is kept (only its log records are). */
  summary(): TraceSummary | null {
    if (this.root === null) return null;
    this.cached ??= this.build(this.root);
    return this.cached;
  }

  private take(span: SpanRecord): void {
    this.minStart = Math.min(this.minStart, span.startMs);
    this.maxEnd = Math.max(this.maxEnd, span.startMs + span.durationMs);
    if (spanFailed(span)) this.errors += 1;
    const root = this.root;
    // The root is the span without a parent; until it arrives, the earliest one stands in.
    if (
      root === null ||
      (span.parentSpanId === null && root.parentSpanId !== null) ||
      ((span.parentSpanId === null) === (root.parentSpanId === null) && span.startMs < root.startMs)
    ) {
      this.root = span;
    }
  }

  private build(root: SpanRecord): TraceSummary {
    const a = root.attributes;
    const route = a['http.route'];
    const method = a['http.request.method'] ?? a['http.method'];
    const code = a['http.response.status_code'] ?? a['http.status_code'];
    return {
      traceId: this.traceId,
      name: root.name,
      service: root.service,
      route: typeof route === 'string' ? route : null,
      method: typeof method === 'string' ? method : null,
      statusCode:
        typeof code === 'number'
          ? code
          : typeof code === 'string' && /^\d{3}$/.test(code)
            ? Number(code)
            : null,
      error: this.errors > 0,
      startMs: this.minStart,
      durationMs: Math.max(0, this.maxEnd - this.minStart),
      spanCount: this.spans.length,
      logCount: this.logs.length,
    };
  }
}

/** Status error, or a server span answering 5xx (OTel's HTTP semantic conventions). */
function spanFailed(span: SpanRecord): boolean {
  if (span.status === 'error') return true;
  const code = span.attributes['http.response.status_code'] ?? span.attributes['http.status_code'];
  return span.kind === 'server' && Number(code) >= 500;
}
