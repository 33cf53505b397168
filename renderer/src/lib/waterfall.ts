// One trace's spans as the waterfall draws them: parents above their children (depth-first, each
// level by start time), each bar placed as a fraction of the trace's whole span. A span whose
// parent is not kept (dropped by the ring, or sent by another process) is drawn as a root.
import type { SpanRecord } from '../../../shared/contract/telemetry';

export interface WaterfallRow {
  span: SpanRecord;
  depth: number;
  /** Where the bar starts and how wide it is, as fractions of the trace (0–1). */
  offset: number;
  width: number;
}

export interface Waterfall {
  rows: WaterfallRow[];
  startMs: number;
  durationMs: number;
}

export function layoutWaterfall(spans: readonly SpanRecord[]): Waterfall {
  if (spans.length === 0) return { rows: [], startMs: 0, durationMs: 0 };
  const startMs = Math.min(...spans.map((s) => s.startMs));
  const endMs = Math.max(...spans.map((s) => s.startMs + s.durationMs));
  const durationMs = endMs - startMs;
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string | null, SpanRecord[]>();
  for (const span of spans) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : null;
    const list = children.get(parent) ?? [];
    list.push(span);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.startMs - b.startMs);

  const rows: WaterfallRow[] = [];
  // An explicit stack, not recursion: a deep (or cyclic, from a broken exporter) trace cannot
  // overflow it, and `seen` stops a cycle.
  const seen = new Set<string>();
  const stack: { span: SpanRecord; depth: number }[] = (children.get(null) ?? [])
    .map((span) => ({ span, depth: 0 }))
    .reverse();
  while (stack.length) {
    const { span, depth } = stack.pop()!;
    if (seen.has(span.spanId)) continue;
    seen.add(span.spanId);
    rows.push({
      span,
      depth,
      offset: durationMs > 0 ? (span.startMs - startMs) / durationMs : 0,
      width: durationMs > 0 ? span.durationMs / durationMs : 1,
    });
    const kids = children.get(span.spanId) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ span: kids[i]!, depth: depth + 1 });
  }
  // Spans only reachable through a cycle have no root: still shown, at the top level.
  for (const span of spans) {
    if (!seen.has(span.spanId)) {
      seen.add(span.spanId);
      rows.push({
        span,
        depth: 0,
        offset: durationMs > 0 ? (span.startMs - startMs) / durationMs : 0,
        width: durationMs > 0 ? span.durationMs / durationMs : 1,
      });
    }
  }
  return { rows, startMs, durationMs };
}
