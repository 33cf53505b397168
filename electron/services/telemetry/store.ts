// The spans and log records the receiver keeps: one ring of each under ONE memory ceiling
// (telemetry.memoryMb) over both, by an estimate of retained bytes (sizes.ts). When the sum
// passes the ceiling the oldest item of the fuller ring goes, and is counted as dropped. Traces
// are indexed by id with their summaries kept up to date, so a search reads summaries, not spans.
import {
  LOG_SEVERITIES,
  type LogRecordView,
  type LogSearchRequest,
  type SpanRecord,
  type TelemetryStore as StoreCounts,
  type TraceSearchRequest,
  type TraceSummary,
  type TraceView,
} from '../../../shared/contract/telemetry';
import type { IncomingLog } from './decoded';
import { Ring } from './ring';
import { logBytes, spanBytes } from './sizes';
import { TraceEntry } from './trace-entry';

interface SpanSlot {
  span: SpanRecord;
  bytes: number;
}

interface LogSlot {
  log: LogRecordView;
  bytes: number;
  /** Body and attribute values, lower-cased once, for the text filter. */
  haystack: string;
}

const severityRank = (s: LogRecordView['severity']): number => LOG_SEVERITIES.indexOf(s);

export class TelemetryMemory {
  private readonly spans = new Ring<SpanSlot>();
  private readonly logs = new Ring<LogSlot>();
  private readonly traces = new Map<string, TraceEntry>();
  private spanBytesTotal = 0;
  private logBytesTotal = 0;
  private spansDropped = 0;
  private logsDropped = 0;
  private nextSeq = 1;

  constructor(private ceiling: number) {}

  get ceilingBytes(): number {
    return this.ceiling;
  }

  /** A new ceiling applies at once: a smaller one drops the oldest items now. */
  setCeiling(bytes: number): void {
    this.ceiling = bytes;
    this.evict();
  }

  addSpans(spans: readonly SpanRecord[]): void {
    for (const span of spans) {
      const bytes = spanBytes(span);
      this.spans.push({ span, bytes });
      this.spanBytesTotal += bytes;
      this.entry(span.traceId).addSpan(span);
    }
    this.evict();
  }

  addLogs(logs: readonly IncomingLog[]): void {
    for (const incoming of logs) {
      const log: LogRecordView = { seq: this.nextSeq++, ...incoming };
      const haystack = searchText(log);
      const bytes = logBytes(incoming, haystack);
      this.logs.push({ log, bytes, haystack });
      this.logBytesTotal += bytes;
      if (log.traceId !== null) this.entry(log.traceId).addLog(log);
    }
    this.evict();
  }

  counts(): { spans: StoreCounts; logs: StoreCounts } {
    return {
      spans: { count: this.spans.length, dropped: this.spansDropped, bytes: this.spanBytesTotal },
      logs: { count: this.logs.length, dropped: this.logsDropped, bytes: this.logBytesTotal },
    };
  }

  /** Kept traces matching the filters, newest first (by start). */
  searchTraces(req: TraceSearchRequest = {}): TraceSummary[] {
    const limit = Math.min(req.limit ?? 100, 1000);
    const found: TraceSummary[] = [];
    for (const entry of this.traces.values()) {
      const t = entry.summary();
      if (t !== null && traceMatches(t, req)) found.push(t);
    }
    found.sort((a, b) => b.startMs - a.startMs);
    return found.slice(0, limit);
  }

  /** A kept trace's spans (by start, parents first) and its log records; null when none is kept. */
  getTrace(traceId: string): TraceView | null {
    const entry = this.traces.get(traceId.toLowerCase());
    if (!entry) return null;
    const spans = orderSpans(entry.spans);
    return { traceId: entry.traceId, spans, logs: [...entry.logs] };
  }

  /** The newest records that match, returned oldest first. */
  searchLogs(req: LogSearchRequest = {}): LogRecordView[] {
    const limit = Math.min(req.limit ?? 500, 5000);
    const min = req.minSeverity ? severityRank(req.minSeverity) : 0;
    const needle = req.text?.toLowerCase() ?? '';
    const out: LogRecordView[] = [];
    const consider = (log: LogRecordView, haystack: string | null): boolean => {
      if (req.afterSeq !== undefined && log.seq <= req.afterSeq) return false;
      if (severityRank(log.severity) < min) return true;
      if (req.start !== undefined && log.timeMs < req.start) return true;
      if (req.end !== undefined && log.timeMs > req.end) return true;
      if (needle && !(haystack ?? searchText(log)).includes(needle)) return true;
      out.push(log);
      return out.length < limit;
    };
    if (req.traceId !== undefined) {
      const logs = this.traces.get(req.traceId.toLowerCase())?.logs ?? [];
      for (let i = logs.length - 1; i >= 0; i -= 1) {
        const log = logs[i];
        if (log && !consider(log, null)) break;
      }
    } else {
      for (let i = this.logs.length - 1; i >= 0; i -= 1) {
        const slot = this.logs.at(i);
        if (slot && !consider(slot.log, slot.haystack)) break;
      }
    }
    return out.reverse();
  }

  private entry(traceId: string): TraceEntry {
    let entry = this.traces.get(traceId);
    if (!entry) this.traces.set(traceId, (entry = new TraceEntry(traceId)));
    return entry;
  }

  private evict(): void {
    while (this.spanBytesTotal + this.logBytesTotal > this.ceiling) {
      const spansFirst = this.spanBytesTotal >= this.logBytesTotal;
      if (spansFirst ? !this.dropSpan() : !this.dropLog()) break;
    }
  }

  private dropSpan(): boolean {
    const slot = this.spans.shift();
    if (!slot) return false;
    this.spanBytesTotal -= slot.bytes;
    this.spansDropped += 1;
    const entry = this.traces.get(slot.span.traceId);
    entry?.dropOldestSpan();
    if (entry?.empty) this.traces.delete(slot.span.traceId);
    return true;
  }

  private dropLog(): boolean {
    const slot = this.logs.shift();
    if (!slot) return false;
    this.logBytesTotal -= slot.bytes;
    this.logsDropped += 1;
    const id = slot.log.traceId;
    if (id === null) return true;
    const entry = this.traces.get(id);
    entry?.dropOldestLog();
    if (entry?.empty) this.traces.delete(id);
    return true;
  }
}

function traceMatches(t: TraceSummary, req: TraceSearchRequest): boolean {
  if (req.route !== undefined && t.route !== req.route) return false;
  if (req.minDurationMs !== undefined && t.durationMs < req.minDurationMs) return false;
  if (req.start !== undefined && t.startMs < req.start) return false;
  if (req.end !== undefined && t.startMs > req.end) return false;
  switch (req.status) {
    case undefined:
      return true;
    case 'ok':
      return !t.error;
    case 'error':
      return t.error;
    default: {
      const cls = Number(req.status[0]) * 100;
      return t.statusCode !== null && t.statusCode >= cls && t.statusCode < cls + 100;
    }
  }
}

function searchText(log: LogRecordView): string {
  const parts = [log.body];
  for (const v of Object.values(log.attributes)) parts.push(String(v));
  return parts.join('\n').toLowerCase();
}

/** By start time; a parent before its children where they start together. */
function orderSpans(spans: readonly SpanRecord[]): SpanRecord[] {
  const depth = new Map<string, number>();
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const depthOf = (s: SpanRecord): number => {
    let d = 0;
    let p = s.parentSpanId;
    // Bounded: a cycle of parent ids (a malformed export) ends at the span count.
    while (p !== null && d < spans.length) {
      const parent = byId.get(p);
      if (!parent) break;
      d += 1;
      p = parent.parentSpanId;
    }
    return d;
  };
  for (const s of spans) depth.set(s.spanId, depthOf(s));
  return [...spans].sort(
    (a, b) => a.startMs - b.startMs || (depth.get(a.spanId) ?? 0) - (depth.get(b.spanId) ?? 0),
  );
}
