// SVG path data from columns of samples: one string per series instead of one object per point.
// A refresh of five panels × 50 series × 360 points writes ~90 000 points, so coordinates are
// rounded to integers, written as ASCII into one reused byte buffer and decoded once per path:
// no number-to-string conversion and no intermediate strings per point for the collector. The
// caller chooses the units (heatmap-paths.ts: a fixed box drawn through a transform).

/** A linear map from a value to a coordinate: scale * value + offset. */
export interface LinearMap {
  scale: number;
  offset: number;
}

/** The linear map taking [v0, v1] onto [p0, p1]; an empty [v0, v1] maps everything to p0. */
export function linearMap(v0: number, v1: number, p0: number, p1: number): LinearMap {
  if (v1 === v0 || !Number.isFinite(v0) || !Number.isFinite(v1)) return { scale: 0, offset: p0 };
  const scale = (p1 - p0) / (v1 - v0);
  return { scale, offset: p0 - scale * v0 };
}

const M = 77; // 'M'
const L = 76; // 'L'
const COMMA = 44;
const MINUS = 45;
const ZERO = 48;
const H = 104; // 'h'

/** 0…9999 as ASCII, right-aligned in four bytes each, and how many of the four are digits. */
const SMALL = 10_000;
const SMALL_ASCII = new Uint8Array(SMALL * 4);
const SMALL_DIGITS = new Uint8Array(SMALL);
for (let n = 0; n < SMALL; n++) {
  const text = String(n);
  SMALL_DIGITS[n] = text.length;
  for (let k = 0; k < text.length; k++)
    SMALL_ASCII[n * 4 + 4 - text.length + k] = text.charCodeAt(k);
}

/** An ASCII buffer that grows; reused across paths. */
class PathWriter {
  private buf = new Uint8Array(1 << 16);
  private len = 0;
  private readonly digits = new Uint8Array(16);
  private readonly decoder = new TextDecoder();

  reset(): void {
    this.len = 0;
  }

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(c: number): void {
    this.room(1);
    this.buf[this.len++] = c;
  }

  int(v: number): void {
    this.room(24);
    let n = v;
    if (n < 0) {
      this.buf[this.len++] = MINUS;
      n = -n;
    }
    if (n < SMALL) {
      // Most coordinates: copy the digits from the table.
      const at = n * 4;
      const count = SMALL_DIGITS[n] ?? 1;
      for (let k = 4 - count; k < 4; k++) this.buf[this.len++] = SMALL_ASCII[at + k] ?? ZERO;
      return;
    }
    let d = 0;
    while (n > 0 && d < 16) {
      this.digits[d++] = ZERO + (n % 10);
      n = Math.floor(n / 10);
    }
    while (d > 0) this.buf[this.len++] = this.digits[--d] ?? ZERO;
  }

  point(command: number, x: number, y: number): void {
    this.byte(command);
    this.int(x);
    this.byte(COMMA);
    this.int(y);
  }

  relative(command: number, v: number): void {
    this.byte(command);
    this.int(Math.max(1, Math.round(v)));
  }

  text(): string {
    return this.decoder.decode(this.buf.subarray(0, this.len));
  }
}

const writer = new PathWriter();

/** Coordinates beyond this are clamped: far outside any box, and still exact integers. */
const LIMIT = 1e7;

function units(v: number): number {
  const u = Math.round(v);
  return u > LIMIT ? LIMIT : u < -LIMIT ? -LIMIT : u;
}

/**
 * "M x,y L x,y …" through the points at `indices` (ascending; every point when omitted), x from
 * `xs` and y = y.scale·value + y.offset, rounded to integers. A NaN value breaks the line. A
 * lone point between gaps is drawn as a dash `dash` long, so it does not vanish. A point that
 * rounds onto the previous one is skipped.
 */
export function linePath(
  xs: ArrayLike<number>,
  values: ArrayLike<number>,
  y: LinearMap,
  indices?: readonly number[],
  dash = 1,
): string {
  writer.reset();
  let runLength = 0;
  let lastX = 0;
  let lastY = 0;
  const n = indices ? indices.length : Math.min(xs.length, values.length);
  for (let k = 0; k < n; k++) {
    const i = indices ? (indices[k] ?? 0) : k;
    const v = values[i] ?? Number.NaN;
    if (Number.isNaN(v)) {
      if (runLength === 1) writer.relative(H, dash);
      runLength = 0;
      continue;
    }
    const px = units(xs[i] ?? 0);
    const py = units(y.scale * v + y.offset);
    if (runLength === 0) {
      writer.point(M, px, py);
    } else if (px !== lastX || py !== lastY) {
      writer.point(L, px, py);
    } else {
      continue;
    }
    runLength++;
    lastX = px;
    lastY = py;
  }
  if (runLength === 1) writer.relative(H, dash);
  return writer.text();
}
