// How the web host sends an RPC answer that holds typed arrays (range results: one Float64Array
// of times and one of values per series) and how the console reads it back: the answer as JSON
// with each typed array replaced by a reference, followed by the arrays' raw bytes. The console
// gets Float64Arrays that view the response's own buffer — no number is parsed, no array built,
// nothing left for the collector — as Electron's IPC gives the desktop window a copy of the bytes.
// Answers without typed arrays stay plain JSON.
//
// Layout (all offsets in bytes):
//   0        u32, little-endian: the header's length H
//   4        the header: UTF-8 JSON of the answer, each typed array as
//            {"$columns": "f64" | "u8", "at": offset in the data, "length": elements}
//   align8(4 + H)   the data: each array's bytes, each starting on a multiple of 8
// A key of the answer's own that starts with "$" (a label may be named "$columns": Prometheus 3
// allows any UTF-8 label name) is written with one more "$" and read back without it, so only a
// reference has the key "$columns".
// The arrays' bytes are in the sender's byte order, which the header names ("order"); a reader of
// the other order refuses the answer rather than misread it (every machine Peak Watch runs on is
// little-endian).

export const COLUMNS_CONTENT_TYPE = 'application/vnd.peak-watch.columns';

type Kind = 'f64' | 'u8';

interface Reference {
  $columns: Kind;
  at: number;
  length: number;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const ORDER = LITTLE_ENDIAN ? 'little' : 'big';
const align8 = (n: number): number => Math.ceil(n / 8) * 8;

/** `obj` with every key that starts with "$" given one more (undone by `unescapeKeys`). */
function escapeKeys(obj: object): object {
  const keys = Object.keys(obj);
  if (!keys.some((k) => k.startsWith('$'))) return obj;
  return Object.fromEntries(
    keys.map((k) => [k.startsWith('$') ? `$${k}` : k, (obj as Record<string, unknown>)[k]]),
  );
}

function unescapeKeys(obj: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(obj);
  if (!keys.some((k) => k.startsWith('$$'))) return obj;
  return Object.fromEntries(keys.map((k) => [k.startsWith('$$') ? k.slice(1) : k, obj[k]]));
}

function kindOf(value: unknown): Kind | null {
  if (value instanceof Float64Array) return 'f64';
  if (value instanceof Uint8Array) return 'u8';
  return null;
}

/** Whether `value` holds a Float64Array or Uint8Array anywhere (so JSON would mangle it). */
export function holdsColumns(value: unknown, depth = 0): boolean {
  if (kindOf(value)) return true;
  if (!value || typeof value !== 'object' || depth > 8) return false;
  const items = Array.isArray(value) ? value : Object.values(value);
  return items.some((v) => holdsColumns(v, depth + 1));
}

/** The answer as the layout above. */
export function encodeColumns(value: unknown): Uint8Array<ArrayBuffer> {
  const arrays: Uint8Array[] = [];
  let size = 0;
  const text = JSON.stringify({ order: ORDER, value }, (_key, v: unknown) => {
    const kind = kindOf(v);
    if (!kind) return v && typeof v === 'object' && !Array.isArray(v) ? escapeKeys(v) : v;
    const view = v as Float64Array | Uint8Array;
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    const ref: Reference = { $columns: kind, at: size, length: view.length };
    arrays.push(bytes);
    size = align8(size + bytes.byteLength);
    return ref;
  });
  const header = new TextEncoder().encode(text);
  const dataStart = align8(4 + header.byteLength);
  const out = new Uint8Array(dataStart + size);
  new DataView(out.buffer).setUint32(0, header.byteLength, true);
  out.set(header, 4);
  let at = dataStart;
  for (const bytes of arrays) {
    out.set(bytes, at);
    at = align8(at + bytes.byteLength);
  }
  return out;
}

function isReference(v: unknown): v is Reference {
  return !!v && typeof v === 'object' && Object.hasOwn(v, '$columns');
}

/**
 * The answer `encodeColumns` wrote, its arrays viewing `buffer` (which must start the answer).
 * Throws an Error saying what is wrong with a truncated or garbled answer.
 */
export function decodeColumns(buffer: ArrayBuffer): unknown {
  if (buffer.byteLength < 4) throw new Error('the columns answer is shorter than its header');
  const headerLength = new DataView(buffer).getUint32(0, true);
  if (4 + headerLength > buffer.byteLength)
    throw new Error('the columns answer ends inside its header');
  const dataStart = align8(4 + headerLength);
  const text = new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength));
  const parsed = JSON.parse(text, (_key, v: unknown) => {
    if (!isReference(v)) {
      return v && typeof v === 'object' && !Array.isArray(v)
        ? unescapeKeys(v as Record<string, unknown>)
        : v;
    }
    const { $columns: kind, at, length } = v;
    const width = kind === 'f64' ? 8 : kind === 'u8' ? 1 : 0;
    if (!width || !Number.isInteger(at) || !Number.isInteger(length) || at < 0 || length < 0)
      throw new Error(`the columns answer has a bad array reference: ${JSON.stringify(v)}`);
    if (at % 8 !== 0)
      throw new Error(`the columns answer's array at ${at} is not on a multiple of 8 bytes`);
    if (dataStart + at + length * width > buffer.byteLength)
      throw new Error(`the columns answer's array at ${at} (${length} × ${kind}) is out of bounds`);
    return kind === 'f64'
      ? new Float64Array(buffer, dataStart + at, length)
      : new Uint8Array(buffer, dataStart + at, length);
  }) as { order?: unknown; value?: unknown };
  if (parsed.order !== ORDER)
    throw new Error(
      `the columns answer is in ${String(parsed.order)}-endian order, this is ${ORDER}`,
    );
  return parsed.value;
}
