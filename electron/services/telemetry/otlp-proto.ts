// ExportTraceServiceRequest and ExportLogsServiceRequest from protobuf (application/x-protobuf),
// read with the wire reader. Field numbers are opentelemetry-proto's (v1):
// trace/v1/trace.proto, logs/v1/logs.proto, common/v1/common.proto, resource/v1/resource.proto.
import type {
  SpanEvent,
  SpanRecord,
  TelemetryAttributes,
} from '../../../shared/contract/telemetry';
import { DecodedBuilder, type DecodedLogs, type DecodedSpans, type IncomingLog } from './decoded';
import {
  attributesOf,
  bodyText,
  serviceOf,
  severityOf,
  spanKind,
  statusCode,
  toHex,
  validId,
  type PlainValue,
} from './otlp-values';
import { DecodeError, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT, WireReader } from './wire';

const MAX_DEPTH = 32;

/** An export's resource and scope, as every item under them carries them. */
interface Context {
  resource: TelemetryAttributes;
  service: string;
  scope: string;
}

export function decodeTracesProto(buf: Uint8Array): DecodedSpans {
  const out = new DecodedBuilder<SpanRecord>();
  // ExportTraceServiceRequest: 1 resource_spans. ResourceSpans: 1 resource, 2 scope_spans.
  forEachResource(new WireReader(buf), (r, ctx) => {
    // ScopeSpans: 1 scope, 2 spans.
    forEachScope(r, ctx, (spanReader, scoped) => readSpan(spanReader, scoped, out));
  });
  return out.result();
}

export function decodeLogsProto(buf: Uint8Array): DecodedLogs {
  const out = new DecodedBuilder<IncomingLog>();
  forEachResource(new WireReader(buf), (r, ctx) => {
    forEachScope(r, ctx, (logReader, scoped) => readLog(logReader, scoped, out));
  });
  return out.result();
}

/** Walks field 1 (resource_*) of an export; each is read twice: resource first, then scopes. */
function forEachResource(r: WireReader, each: (r: WireReader, ctx: Context) => void): void {
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field !== 1) {
      r.skip(wire);
      continue;
    }
    r.expect(wire, WIRE_LEN, 'resource_spans/resource_logs');
    const m = r.message();
    let resource: TelemetryAttributes = {};
    const scan = new WireReader(m.buf, m.pos, m.end);
    while (!scan.done) {
      const t = scan.tag();
      if (t.field === 1 && t.wire === WIRE_LEN) resource = readResource(scan.message());
      else scan.skip(t.wire);
    }
    each(m, { resource, service: serviceOf(resource), scope: '' });
  }
}

/** Walks field 2 (scope_*) of a Resource*; field 2 of each scope is one span or log record. */
function forEachScope(
  r: WireReader,
  ctx: Context,
  each: (item: WireReader, ctx: Context) => void,
): void {
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field !== 2) {
      r.skip(wire);
      continue;
    }
    r.expect(wire, WIRE_LEN, 'scope_spans/scope_logs');
    const scopeMsg = r.message();
    let scope = '';
    const items: WireReader[] = [];
    while (!scopeMsg.done) {
      const t = scopeMsg.tag();
      if (t.field === 1 && t.wire === WIRE_LEN) scope = readScopeName(scopeMsg.message());
      else if (t.field === 2 && t.wire === WIRE_LEN) items.push(scopeMsg.message());
      else scopeMsg.skip(t.wire);
    }
    for (const item of items) each(item, { ...ctx, scope });
  }
}

function readResource(r: WireReader): TelemetryAttributes {
  const pairs: [string, PlainValue][] = [];
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) pairs.push(readKeyValue(r.message()));
    else r.skip(wire);
  }
  return attributesOf(pairs);
}

function readScopeName(r: WireReader): string {
  let name = '';
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) name = r.string();
    else r.skip(wire);
  }
  return name;
}

function readSpan(r: WireReader, ctx: Context, out: DecodedBuilder<SpanRecord>): void {
  let traceId = '';
  let spanId = '';
  let parent = '';
  let name = '';
  let kind = 0;
  let start = 0;
  let end = 0;
  const attrs: [string, PlainValue][] = [];
  const events: SpanEvent[] = [];
  let status = { code: 0, message: '' };
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) traceId = toHex(r.bytes());
    else if (field === 2 && wire === WIRE_LEN) spanId = toHex(r.bytes());
    else if (field === 4 && wire === WIRE_LEN) parent = toHex(r.bytes());
    else if (field === 5 && wire === WIRE_LEN) name = r.string();
    else if (field === 6 && wire === WIRE_VARINT) kind = r.uint32();
    else if (field === 7 && wire === WIRE_FIXED64) start = r.fixed64Ms();
    else if (field === 8 && wire === WIRE_FIXED64) end = r.fixed64Ms();
    else if (field === 9 && wire === WIRE_LEN) attrs.push(readKeyValue(r.message()));
    else if (field === 11 && wire === WIRE_LEN) events.push(readEvent(r.message()));
    else if (field === 15 && wire === WIRE_LEN) status = readStatus(r.message());
    else r.skip(wire);
  }
  const trace = validId(traceId, 32);
  const span = validId(spanId, 16);
  if (trace === null || span === null) {
    out.refuse(`a span's ${trace === null ? 'trace_id' : 'span_id'} is not 16/8 non-zero bytes`);
    return;
  }
  out.keep({
    traceId: trace,
    spanId: span,
    parentSpanId: validId(parent, 16),
    name,
    kind: spanKind(kind),
    service: ctx.service,
    startMs: start,
    durationMs: Math.max(0, end - start),
    status: statusCode(status.code),
    statusMessage: status.message,
    attributes: attributesOf(attrs),
    events,
    resource: ctx.resource,
    scope: ctx.scope,
  });
}

function readEvent(r: WireReader): SpanEvent {
  let timeMs = 0;
  let name = '';
  const attrs: [string, PlainValue][] = [];
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_FIXED64) timeMs = r.fixed64Ms();
    else if (field === 2 && wire === WIRE_LEN) name = r.string();
    else if (field === 3 && wire === WIRE_LEN) attrs.push(readKeyValue(r.message()));
    else r.skip(wire);
  }
  return { name, timeMs, attributes: attributesOf(attrs) };
}

function readStatus(r: WireReader): { code: number; message: string } {
  let code = 0;
  let message = '';
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 2 && wire === WIRE_LEN) message = r.string();
    else if (field === 3 && wire === WIRE_VARINT) code = r.uint32();
    else r.skip(wire);
  }
  return { code, message };
}

function readLog(r: WireReader, ctx: Context, out: DecodedBuilder<IncomingLog>): void {
  let time = 0;
  let observed = 0;
  let severityNumber = 0;
  let severityText = '';
  let body: PlainValue = null;
  const attrs: [string, PlainValue][] = [];
  let traceId = '';
  let spanId = '';
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_FIXED64) time = r.fixed64Ms();
    else if (field === 11 && wire === WIRE_FIXED64) observed = r.fixed64Ms();
    else if (field === 2 && wire === WIRE_VARINT) severityNumber = r.uint32();
    else if (field === 3 && wire === WIRE_LEN) severityText = r.string();
    else if (field === 5 && wire === WIRE_LEN) body = readAnyValue(r.message());
    else if (field === 6 && wire === WIRE_LEN) attrs.push(readKeyValue(r.message()));
    else if (field === 9 && wire === WIRE_LEN) traceId = toHex(r.bytes());
    else if (field === 10 && wire === WIRE_LEN) spanId = toHex(r.bytes());
    else r.skip(wire);
  }
  out.keep({
    // OTLP: time_unix_nano 0 means unknown; the collector's observed time stands in.
    timeMs: time || observed || Date.now(),
    severity: severityOf(severityNumber),
    severityNumber,
    severityText,
    body: bodyText(body),
    traceId: validId(traceId, 32),
    spanId: validId(spanId, 16),
    service: ctx.service,
    attributes: attributesOf(attrs),
    resource: ctx.resource,
    scope: ctx.scope,
  });
}

function readKeyValue(r: WireReader, depth = 0): [string, PlainValue] {
  let key = '';
  let value: PlainValue = null;
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) key = r.string();
    else if (field === 2 && wire === WIRE_LEN) value = readAnyValue(r.message(), depth);
    else r.skip(wire);
  }
  return [key, value];
}

/** AnyValue: 1 string, 2 bool, 3 int64, 4 double, 5 array, 6 kvlist, 7 bytes. */
function readAnyValue(r: WireReader, depth = 0): PlainValue {
  // A body of nested arrays two bytes a level would otherwise recurse past the stack.
  if (depth > MAX_DEPTH) throw new DecodeError(`values nest deeper than ${MAX_DEPTH} levels`);
  let value: PlainValue = null;
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) value = r.string();
    else if (field === 2 && wire === WIRE_VARINT) value = r.bool();
    else if (field === 3 && wire === WIRE_VARINT) value = r.int64();
    else if (field === 4 && wire === WIRE_FIXED64) value = r.double();
    else if (field === 5 && wire === WIRE_LEN) value = readRepeated(r.message(), false, depth + 1);
    else if (field === 6 && wire === WIRE_LEN) value = readRepeated(r.message(), true, depth + 1);
    else if (field === 7 && wire === WIRE_LEN) value = Buffer.from(r.bytes()).toString('base64');
    else r.skip(wire);
  }
  return value;
}

/** ArrayValue (1: repeated AnyValue) or KeyValueList (1: repeated KeyValue). */
function readRepeated(r: WireReader, keyed: boolean, depth: number): PlainValue {
  const list: PlainValue[] = [];
  // No prototype: a key "__proto__" is data, not the object's prototype.
  const map = Object.create(null) as Record<string, PlainValue>;
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field !== 1 || wire !== WIRE_LEN) {
      r.skip(wire);
      continue;
    }
    if (keyed) {
      const [k, v] = readKeyValue(r.message(), depth);
      map[k] = v;
    } else list.push(readAnyValue(r.message(), depth));
  }
  return keyed ? map : list;
}
