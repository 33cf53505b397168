// The OpenMetrics 1.0 exposition of /metrics, chosen by the scraper's Accept header the way
// Prometheus's own client libraries negotiate it. Why OpenMetrics at all: it is the only format
// in which a histogram bucket can carry an exemplar (the trace id of a request in that bucket),
// and Prometheus asks for it first. Why not prom-client's OpenMetrics registry: its metrics()
// renames each counter object in place (strips `_total`), so the same counters served in the
// text format afterwards lose their suffix; here the text exposition is translated instead and
// prom-client's objects are never touched.
// Spec: https://github.com/OpenObservability/OpenMetrics/blob/main/specification/OpenMetrics.md
import type { TraceRef } from './trace-ref';

export const OPENMETRICS_CONTENT_TYPE =
  'application/openmetrics-text; version=1.0.0; charset=utf-8';

/** OpenMetrics caps an exemplar's label set (names and values) at 128 UTF-8 characters. */
export const EXEMPLAR_LABELS_MAX = 128;

interface AcceptEntry {
  type: string;
  version: string | undefined;
  q: number;
}

function parseAccept(header: string): AcceptEntry[] {
  const entries: AcceptEntry[] = [];
  for (const part of header.split(',')) {
    const [media = '', ...params] = part.split(';').map((p) => p.trim());
    if (media === '') continue;
    let q = 1;
    let version: string | undefined;
    for (const param of params) {
      const eq = param.indexOf('=');
      if (eq === -1) continue;
      const key = param.slice(0, eq).trim().toLowerCase();
      const value = param
        .slice(eq + 1)
        .trim()
        .replace(/^"|"$/g, '');
      if (key === 'q') q = Number(value);
      else if (key === 'version') version = value;
    }
    if (Number.isFinite(q) && q > 0) entries.push({ type: media.toLowerCase(), version, q });
  }
  // Highest q first; among equals, the order the client wrote (Array.prototype.sort is stable).
  return entries.sort((a, b) => b.q - a.q);
}

/**
 * True when the Accept header prefers OpenMetrics, as client_golang's
 * expfmt.NegotiateIncludingOpenMetrics decides: the entries by descending q, the first that is
 * text/plain (version 0.0.4 or none) means text, the first that is application/openmetrics-text
 * (version 1.0.0, 0.0.1 or none) means OpenMetrics; anything else, or no header, means text.
 */
export function wantsOpenMetrics(accept: string | undefined): boolean {
  if (accept === undefined || !accept.includes('openmetrics')) return false;
  for (const { type, version } of parseAccept(accept)) {
    if (type === 'text/plain' && (version === undefined || version === '0.0.4')) return false;
    if (
      type === 'application/openmetrics-text' &&
      (version === undefined || version === '1.0.0' || version === '0.0.1')
    ) {
      return true;
    }
  }
  return false;
}

/**
 * prom-client's text exposition (0.0.4) as OpenMetrics families, without the final `# EOF`:
 * a counter's family is named without `_total` and its samples with it, `untyped` is `unknown`,
 * and blank lines (which OpenMetrics forbids) go.
 */
export function textToOpenMetrics(text: string): string {
  const out: string[] = [];
  let help: { name: string; rest: string } | null = null;
  let counter: string | null = null;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) (\S+)(.*)$/.exec(line);
    if (meta !== null) {
      const [, kind, name = '', rest = ''] = meta;
      if (kind === 'HELP') {
        help = { name, rest };
        continue;
      }
      const type = rest.trim();
      counter = type === 'counter' ? name : null;
      const family = type === 'counter' ? name.replace(/_total$/, '') : name;
      if (help?.name === name) out.push(`# HELP ${family}${help.rest}`);
      help = null;
      out.push(`# TYPE ${family} ${type === 'untyped' ? 'unknown' : type}`);
      continue;
    }
    if (line.startsWith('#')) continue;
    out.push(counter !== null ? counterSample(line, counter) : line);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

/** A counter's sample named `<family>_total`, whatever prom-client called it. */
function counterSample(line: string, name: string): string {
  if (name.endsWith('_total')) return line;
  const cut = line.search(/[{ ]/);
  const sampleName = cut === -1 ? line : line.slice(0, cut);
  return sampleName === name ? `${name}_total${line.slice(name.length)}` : line;
}

/**
 * ` # {trace_id="…",span_id="…"} <value> <timestamp>` for a bucket line. The ids are hex
 * (checked: anything else is left out), so the label set is 63 characters, well under the cap.
 */
export function exemplarSuffix(ref: TraceRef, value: number, timeMs: number): string {
  if (!/^[0-9a-f]{32}$/.test(ref.traceId) || !/^[0-9a-f]{16}$/.test(ref.spanId)) return '';
  return ` # {trace_id="${ref.traceId}",span_id="${ref.spanId}"} ${value} ${(timeMs / 1000).toFixed(3)}`;
}

/** The end every OpenMetrics exposition needs. */
export const OPENMETRICS_EOF = '# EOF\n';
