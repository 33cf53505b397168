// What both decoders (JSON and protobuf) share: OTLP's enums as the contract's words, ids as
// lowercase hex, AnyValue flattened to a TelemetryValue, and the parts of a span or log record
// the receiver derives (its service, its severity range).
import type {
  LogSeverity,
  SpanKind,
  SpanStatusCode,
  TelemetryAttributes,
  TelemetryValue,
} from '../../../shared/contract/telemetry';

/** An AnyValue as plain JS: scalars, arrays, objects (kvlists). Bytes arrive as base64 text. */
export type PlainValue =
  string | number | boolean | null | PlainValue[] | { [k: string]: PlainValue };

const KINDS: readonly SpanKind[] = [
  'unspecified',
  'internal',
  'server',
  'client',
  'producer',
  'consumer',
];
const STATUSES: readonly SpanStatusCode[] = ['unset', 'ok', 'error'];

export function spanKind(n: number): SpanKind {
  return KINDS[n] ?? 'unspecified';
}

export function statusCode(n: number): SpanStatusCode {
  return STATUSES[n] ?? 'unset';
}

/** OTLP's SeverityNumber ranges: 1–4 trace, 5–8 debug, 9–12 info, 13–16 warn, 17–20 error, 21–24 fatal. */
export function severityOf(n: number): LogSeverity {
  if (!(n >= 1 && n <= 24)) return 'unspecified';
  const ranges: LogSeverity[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
  return ranges[Math.floor((n - 1) / 4)] ?? 'unspecified';
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

const ZERO = /^0+$/;

/** A trace id (32 hex digits) or span id (16), lowercased; null when absent or all zeros. */
export function validId(hex: string, digits: 32 | 16): string | null {
  if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex) || ZERO.test(hex)) return null;
  return hex.toLowerCase();
}

function isScalar(v: PlainValue): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Arrays of scalars stay arrays; a kvlist or nested array becomes its JSON text (the contract). */
export function flatten(v: PlainValue): TelemetryValue {
  if (isScalar(v)) return v;
  if (v === null) return '';
  if (Array.isArray(v) && v.every(isScalar)) return v;
  return JSON.stringify(v);
}

export function attributesOf(pairs: [string, PlainValue][]): TelemetryAttributes {
  // No prototype: an attribute named "__proto__" is data, not the object's prototype.
  const out = Object.create(null) as TelemetryAttributes;
  for (const [k, v] of pairs) out[k] = flatten(v);
  return out;
}

export function serviceOf(resource: TelemetryAttributes): string {
  const name = resource['service.name'];
  return typeof name === 'string' && name !== '' ? name : 'unknown_service';
}

/** A log body as text: a string as is, anything else as its JSON. */
export function bodyText(v: PlainValue): string {
  if (v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** A nanosecond count written in decimal (OTLP/JSON's int64 as a string) as unix ms. */
export function nanosTextToMs(text: string): number {
  if (!/^\d{1,20}$/.test(text)) return NaN;
  if (text.length <= 6) return Number(text) / 1e6;
  return Number(text.slice(0, -6)) + Number(text.slice(-6)) / 1e6;
}
