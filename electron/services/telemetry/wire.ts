// A protobuf wire-format reader for the few OTLP messages the receiver keeps (otlp-proto.ts).
// A generated library would decode every OTLP message; this reads varints, fixed64 and
// length-delimited fields, checks every length against the end of its message, and throws a
// DecodeError (never a RangeError from a buffer read) on a truncated or malformed body.

/** A body that does not decode: the message says where, for the 400 answer. */
export class DecodeError extends Error {}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

const TWO_32 = 4294967296;

export class WireReader {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    pos = 0,
    readonly end = buf.length,
  ) {
    this.pos = pos;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** The next field's number and wire type. */
  tag(): { field: number; wire: number } {
    const tag = this.uint32();
    const field = tag >>> 3;
    if (field === 0) throw new DecodeError(`protobuf field number 0 at byte ${this.pos}`);
    return { field, wire: tag & 7 };
  }

  /** A varint as its low and high 32 bits (int64, uint64 and enums all arrive so). */
  varint64(): [number, number] {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i += 1) {
      if (this.pos >= this.end) throw truncated(this.pos);
      const b = this.buf[this.pos++] ?? 0;
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >> 4;
      } else hi |= (b & 0x7f) << (7 * i - 32);
      if ((b & 0x80) === 0) return [lo >>> 0, hi >>> 0];
    }
    throw new DecodeError(`a protobuf varint runs past 10 bytes at byte ${this.pos}`);
  }

  uint32(): number {
    return this.varint64()[0];
  }

  /** An int64 as a JS number (exact to 2^53, which every count and timestamp here is). */
  int64(): number {
    const [lo, hi] = this.varint64();
    if (hi & 0x80000000) return -((~hi >>> 0) * TWO_32 + (~lo >>> 0) + 1);
    return hi * TWO_32 + lo;
  }

  bool(): boolean {
    const [lo, hi] = this.varint64();
    return lo !== 0 || hi !== 0;
  }

  /** A fixed64 nanosecond count as unix milliseconds, fractions kept. */
  fixed64Ms(): number {
    const lo = this.fixed32();
    const hi = this.fixed32();
    return hi * (TWO_32 / 1e6) + lo / 1e6;
  }

  fixed32(): number {
    if (this.pos + 4 > this.end) throw truncated(this.pos);
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return (
      ((b[p] ?? 0) | ((b[p + 1] ?? 0) << 8) | ((b[p + 2] ?? 0) << 16)) + (b[p + 3] ?? 0) * 0x1000000
    );
  }

  double(): number {
    if (this.pos + 8 > this.end) throw truncated(this.pos);
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8);
    this.pos += 8;
    return view.getFloat64(0, true);
  }

  /** A length-delimited field's bounds, checked against the enclosing message's end. */
  lengthDelimited(): { start: number; end: number } {
    const len = this.uint32();
    const start = this.pos;
    if (start + len > this.end) throw truncated(start);
    this.pos = start + len;
    return { start, end: start + len };
  }

  bytes(): Uint8Array {
    const { start, end } = this.lengthDelimited();
    return this.buf.subarray(start, end);
  }

  string(): string {
    return textDecoder.decode(this.bytes());
  }

  /** A reader over an embedded message. */
  message(): WireReader {
    const { start, end } = this.lengthDelimited();
    return new WireReader(this.buf, start, end);
  }

  /** Skips a field this reader does not keep. */
  skip(wire: number): void {
    if (wire === WIRE_VARINT) this.varint64();
    else if (wire === WIRE_FIXED64) this.advance(8);
    else if (wire === WIRE_LEN) this.lengthDelimited();
    else if (wire === WIRE_FIXED32) this.advance(4);
    else throw new DecodeError(`unsupported protobuf wire type ${wire} at byte ${this.pos}`);
  }

  /** Throws unless the field came with the wire type its schema gives it. */
  expect(wire: number, want: number, what: string): void {
    if (wire !== want) {
      throw new DecodeError(`${what} has wire type ${wire}, expected ${want} (byte ${this.pos})`);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.end) throw truncated(this.pos);
    this.pos += n;
  }
}

const textDecoder = new TextDecoder('utf-8');

function truncated(at: number): DecodeError {
  return new DecodeError(
    `truncated protobuf: a field at byte ${at} runs past the end of its message`,
  );
}

/** Writes the few small messages the receiver answers with (Status, partial success). */
export class WireWriter {
  private readonly parts: number[] = [];

  varintField(field: number, value: number): this {
    if (value === 0) return this;
    this.varint((field << 3) | WIRE_VARINT);
    this.varint(value);
    return this;
  }

  stringField(field: number, value: string): this {
    return this.bytesField(field, new TextEncoder().encode(value));
  }

  bytesField(field: number, value: Uint8Array): this {
    if (value.length === 0) return this;
    this.varint((field << 3) | WIRE_LEN);
    this.varint(value.length);
    for (const b of value) this.parts.push(b);
    return this;
  }

  finish(): Buffer {
    return Buffer.from(this.parts);
  }

  private varint(value: number): void {
    let v = value;
    while (v >= 0x80) {
      this.parts.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.parts.push(v);
  }
}
