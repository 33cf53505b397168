// What a kept span or log record costs in memory, estimated: the one ceiling
// (telemetry.memoryMb) is checked against these. V8 does not say what an object retains, so
// each string counts two bytes a character plus a header, each object and array a header and a
// slot per field. A resource shared by the items of one export is counted with each item, so the
// estimate errs high and the ceiling holds.
import type {
  SpanRecord,
  TelemetryAttributes,
  TelemetryValue,
} from '../../../shared/contract/telemetry';
import type { IncomingLog } from './decoded';

const STRING = 24;
const SLOT = 16;
const OBJECT = 64;

export function stringBytes(s: string): number {
  return STRING + 2 * s.length;
}

function valueBytes(v: TelemetryValue): number {
  if (typeof v === 'string') return stringBytes(v);
  if (Array.isArray(v)) {
    let n = OBJECT;
    for (const x of v) n += typeof x === 'string' ? stringBytes(x) : SLOT;
    return n;
  }
  return SLOT;
}

export function attributesBytes(a: TelemetryAttributes): number {
  let n = OBJECT;
  for (const k in a) n += SLOT + stringBytes(k) + valueBytes(a[k] ?? '');
  return n;
}

export function spanBytes(s: SpanRecord): number {
  let n = OBJECT + 14 * SLOT;
  n += stringBytes(s.traceId) + stringBytes(s.spanId) + stringBytes(s.parentSpanId ?? '');
  n += stringBytes(s.name) + stringBytes(s.service) + stringBytes(s.statusMessage);
  n += stringBytes(s.scope) + attributesBytes(s.attributes) + attributesBytes(s.resource);
  for (const e of s.events) n += OBJECT + stringBytes(e.name) + attributesBytes(e.attributes);
  return n;
}

/** A log record and the lower-cased text its search reads. */
export function logBytes(l: IncomingLog, haystack: string): number {
  let n = OBJECT + 13 * SLOT + stringBytes(haystack);
  n += stringBytes(l.body) + stringBytes(l.severityText) + stringBytes(l.service);
  n += stringBytes(l.traceId ?? '') + stringBytes(l.spanId ?? '') + stringBytes(l.scope);
  n += attributesBytes(l.attributes) + attributesBytes(l.resource);
  return n;
}
