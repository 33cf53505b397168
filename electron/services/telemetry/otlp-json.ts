// ExportTraceServiceRequest and ExportLogsServiceRequest from OTLP/JSON (application/json), as
// the OTLP spec maps protobuf to JSON: lowerCamelCase field names, trace and span ids as hex,
// enums as integers (their names are accepted too), int64 as decimal strings or numbers. Unknown
// fields are ignored, as the spec asks of receivers; a field of the wrong type is a DecodeError
// naming where it is.
import type {
  SpanEvent,
  SpanRecord,
  TelemetryAttributes,
} from '../../../shared/contract/telemetry';
import { DecodedBuilder, type DecodedLogs, type DecodedSpans, type IncomingLog } from './decoded';
import {
  attributesOf,
  bodyText,
  nanosTextToMs,
  serviceOf,
  severityOf,
  spanKind,
  statusCode,
  validId,
  type PlainValue,
} from './otlp-values';
import { DecodeError } from './wire';

type Obj = Record<string, unknown>;
const MAX_DEPTH = 32;

export function decodeTracesJson(body: unknown): DecodedSpans {
  const out = new DecodedBuilder<SpanRecord>();
  forEachScope(body, ['resourceSpans', 'scopeSpans', 'spans'], (item, ctx, at) => {
    const span = readSpan(item, ctx, at);
    if (typeof span === 'string') out.refuse(span);
    else out.keep(span);
  });
  return out.result();
}

export function decodeLogsJson(body: unknown): DecodedLogs {
  const out = new DecodedBuilder<IncomingLog>();
  forEachScope(body, ['resourceLogs', 'scopeLogs', 'logRecords'], (item, ctx, at) =>
    out.keep(readLog(item, ctx, at)),
  );
  return out.result();
}

interface Context {
  resource: TelemetryAttributes;
  service: string;
  scope: string;
}

function forEachScope(
  body: unknown,
  [resources, scopes, items]: [string, string, string],
  each: (item: Obj, ctx: Context, at: string) => void,
): void {
  const root = object(body, 'the body');
  for (const [ri, rs] of list(root[resources], resources).entries()) {
    const rAt = `${resources}[${ri}]`;
    const r = object(rs, rAt);
    const resourceObj = r.resource === undefined ? {} : object(r.resource, `${rAt}.resource`);
    const resource = attributes(resourceObj.attributes, `${rAt}.resource.attributes`);
    const base = { resource, service: serviceOf(resource) };
    for (const [si, ss] of list(r[scopes], `${rAt}.${scopes}`).entries()) {
      const sAt = `${rAt}.${scopes}[${si}]`;
      const s = object(ss, sAt);
      const scopeObj = s.scope === undefined ? {} : object(s.scope, `${sAt}.scope`);
      const ctx = { ...base, scope: text(scopeObj.name, `${sAt}.scope.name`) };
      for (const [ii, item] of list(s[items], `${sAt}.${items}`).entries()) {
        const at = `${sAt}.${items}[${ii}]`;
        each(object(item, at), ctx, at);
      }
    }
  }
}

/** A span, or why it is refused (an id that is not hex of the right length). */
function readSpan(s: Obj, ctx: Context, at: string): SpanRecord | string {
  const traceId = validId(text(s.traceId, `${at}.traceId`), 32);
  const spanId = validId(text(s.spanId, `${at}.spanId`), 16);
  if (traceId === null) return `${at}.traceId is not 32 hex digits`;
  if (spanId === null) return `${at}.spanId is not 16 hex digits`;
  const start = nanos(s.startTimeUnixNano, `${at}.startTimeUnixNano`);
  const end = nanos(s.endTimeUnixNano, `${at}.endTimeUnixNano`);
  const status = s.status === undefined ? {} : object(s.status, `${at}.status`);
  return {
    traceId,
    spanId,
    parentSpanId: validId(text(s.parentSpanId, `${at}.parentSpanId`), 16),
    name: text(s.name, `${at}.name`),
    kind: spanKind(enumValue(s.kind, `${at}.kind`, 'SPAN_KIND_', KIND_NAMES)),
    service: ctx.service,
    startMs: start,
    durationMs: Math.max(0, end - start),
    status: statusCode(enumValue(status.code, `${at}.status.code`, 'STATUS_CODE_', STATUS_NAMES)),
    statusMessage: text(status.message, `${at}.status.message`),
    attributes: attributes(s.attributes, `${at}.attributes`),
    events: list(s.events, `${at}.events`).map((e, i) => readEvent(e, `${at}.events[${i}]`)),
    resource: ctx.resource,
    scope: ctx.scope,
  };
}

function readEvent(raw: unknown, at: string): SpanEvent {
  const e = object(raw, at);
  return {
    name: text(e.name, `${at}.name`),
    timeMs: nanos(e.timeUnixNano, `${at}.timeUnixNano`),
    attributes: attributes(e.attributes, `${at}.attributes`),
  };
}

function readLog(l: Obj, ctx: Context, at: string): IncomingLog {
  const severityNumber = enumValue(
    l.severityNumber,
    `${at}.severityNumber`,
    'SEVERITY_NUMBER_',
    SEVERITY_NAMES,
  );
  const time = nanos(l.timeUnixNano, `${at}.timeUnixNano`);
  const observed = nanos(l.observedTimeUnixNano, `${at}.observedTimeUnixNano`);
  return {
    timeMs: time || observed || Date.now(),
    severity: severityOf(severityNumber),
    severityNumber,
    severityText: text(l.severityText, `${at}.severityText`),
    body: l.body === undefined ? '' : bodyText(anyValue(l.body, `${at}.body`, 0)),
    traceId: validId(text(l.traceId, `${at}.traceId`), 32),
    spanId: validId(text(l.spanId, `${at}.spanId`), 16),
    service: ctx.service,
    attributes: attributes(l.attributes, `${at}.attributes`),
    resource: ctx.resource,
    scope: ctx.scope,
  };
}

function attributes(raw: unknown, at: string): TelemetryAttributes {
  return attributesOf(keyValues(raw, at, 0));
}

function keyValues(raw: unknown, at: string, depth: number): [string, PlainValue][] {
  return list(raw, at).map((kv, i) => {
    const o = object(kv, `${at}[${i}]`);
    const value = o.value === undefined ? null : anyValue(o.value, `${at}[${i}].value`, depth);
    return [text(o.key, `${at}[${i}].key`), value];
  });
}

function anyValue(raw: unknown, at: string, depth: number): PlainValue {
  if (depth > MAX_DEPTH)
    throw new DecodeError(`${at}: values nest deeper than ${MAX_DEPTH} levels`);
  const v = object(raw, at);
  if (typeof v.stringValue === 'string') return v.stringValue;
  if (typeof v.boolValue === 'boolean') return v.boolValue;
  if (v.intValue !== undefined) return int64(v.intValue, `${at}.intValue`);
  if (v.doubleValue !== undefined) return double(v.doubleValue, `${at}.doubleValue`);
  if (typeof v.bytesValue === 'string') return v.bytesValue;
  if (v.arrayValue !== undefined) {
    const values = object(v.arrayValue, `${at}.arrayValue`).values;
    return list(values, `${at}.arrayValue.values`).map((x, i) =>
      anyValue(x, `${at}.arrayValue.values[${i}]`, depth + 1),
    );
  }
  if (v.kvlistValue !== undefined) {
    const values = object(v.kvlistValue, `${at}.kvlistValue`).values;
    const map = Object.create(null) as Record<string, PlainValue>;
    for (const [k, x] of keyValues(values, `${at}.kvlistValue.values`, depth + 1)) map[k] = x;
    return map;
  }
  return null;
}

function object(v: unknown, at: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new DecodeError(`${at} is not a JSON object`);
  }
  return v as Obj;
}

function list(v: unknown, at: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new DecodeError(`${at} is not a JSON array`);
  return v;
}

function text(v: unknown, at: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new DecodeError(`${at} is not a string`);
  return v;
}

/** A fixed64 nanosecond time: a decimal string (the spec) or a number; as unix ms. */
function nanos(v: unknown, at: string): number {
  if (v === undefined || v === null) return 0;
  const ms = typeof v === 'number' ? v / 1e6 : typeof v === 'string' ? nanosTextToMs(v) : NaN;
  if (!Number.isFinite(ms) || ms < 0) {
    throw new DecodeError(
      `${at} is not a nanosecond count (a decimal string, e.g. "1700000000000000000")`,
    );
  }
  return ms;
}

function int64(v: unknown, at: string): number {
  const n =
    typeof v === 'number' ? v : typeof v === 'string' && /^-?\d{1,20}$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new DecodeError(`${at} is not an integer`);
  return n;
}

function double(v: unknown, at: string): number {
  // The JSON mapping writes NaN and the infinities as strings.
  if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return Number(v);
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  if (Number.isNaN(n)) throw new DecodeError(`${at} is not a number`);
  return n;
}

const KIND_NAMES = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const STATUS_NAMES = ['UNSET', 'OK', 'ERROR'];
const SEVERITY_NAMES = [
  'UNSPECIFIED',
  ...['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].flatMap((n) => [
    n,
    `${n}2`,
    `${n}3`,
    `${n}4`,
  ]),
];

/** An enum as its integer (the spec) or its name ("SPAN_KIND_SERVER"); 0 when absent. */
function enumValue(v: unknown, at: string, prefix: string, names: string[]): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string') {
    const i = names.indexOf(v.startsWith(prefix) ? v.slice(prefix.length) : v);
    if (i >= 0) return i;
  }
  throw new DecodeError(`${at} is not an enum value (an integer, e.g. 2)`);
}
