// The lines of a timeseries chart drawn on a canvas that is kept between refreshes. The past of
// a range result does not change from one refresh to the next — the range query's start is
// aligned to its step, so the same instants are sampled again — so when only new samples came in
// at the right, only those are drawn, and the canvas, laid out in time rather than in screen
// position, slides left under the plot. Everything else (a new y scale, a hidden series, another
// size, a value that changed, other series) draws the whole chart again.

import type { LinearMap } from './linear-map';

/** The lines of one chart, and the canvas and plot they are drawn on. */
export interface LinesToDraw {
  times: Float64Array;
  columns: readonly Float64Array[];
  /** One identity per series (its labels), in order. */
  identities: readonly string[];
  /** The plot's left and right edges in time (ms), and the canvas's pixels (CSS px) per ms. */
  xStart: number;
  xEnd: number;
  pxPerMs: number;
  /** Value → canvas y. */
  y: LinearMap;
  /** The canvas's size in CSS px, and the device pixel ratio it is drawn at. */
  width: number;
  height: number;
  dpr: number;
  /** Which series are drawn ('1') or hidden ('0'), and whether a lone series' area is filled. */
  shown: string;
  area: boolean;
}

/** What a canvas holds: the lines it was drawn from, and the time at its left edge (ms). */
export type DrawnLines = LinesToDraw & { t0: number };

/** Where a sample lands on the canvas: x = (t − t0)·pxPerMs, y = y.scale·value + y.offset. */
export interface CanvasMap {
  t0: number;
  pxPerMs: number;
  y: LinearMap;
}

/** Draw everything, or only each series from `from` (an index into the new times) on. */
export type DrawPlan = { kind: 'full' } | { kind: 'tail'; from: number };

const sameMap = (a: LinearMap, b: LinearMap): boolean =>
  a.scale === b.scale && a.offset === b.offset;

function sameValue(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Whether `next` only adds samples at the right of what `drawn` holds, with the same scales and
 * series: then the canvas needs only the new part, from the last point it already has.
 */
export function planDraw(drawn: DrawnLines | null, next: LinesToDraw): DrawPlan {
  const full: DrawPlan = { kind: 'full' };
  if (!drawn || next.area || drawn.area) return full;
  if (
    drawn.pxPerMs !== next.pxPerMs ||
    !sameMap(drawn.y, next.y) ||
    drawn.width !== next.width ||
    drawn.height !== next.height ||
    drawn.dpr !== next.dpr ||
    drawn.shown !== next.shown ||
    drawn.identities.length !== next.identities.length ||
    drawn.identities.some((id, i) => id !== next.identities[i])
  )
    return full;
  // The canvas must still reach the plot's right edge.
  if ((next.xEnd - drawn.t0) * drawn.pxPerMs > drawn.width) return full;
  if (next.xStart < drawn.t0) return full;
  const first = next.times[0];
  if (first === undefined) return full;
  const offset = drawn.times.indexOf(first);
  if (offset < 0) return full;
  const overlap = drawn.times.length - offset;
  if (overlap < 1 || overlap > next.times.length) return full;
  for (let i = 0; i < overlap; i++) if (drawn.times[offset + i] !== next.times[i]) return full;
  for (let s = 0; s < next.columns.length; s++) {
    const a = drawn.columns[s];
    const b = next.columns[s];
    if (!a || !b) return full;
    for (let i = 0; i < overlap; i++)
      if (!sameValue(a[offset + i] ?? Number.NaN, b[i] ?? Number.NaN)) return full;
  }
  return { kind: 'tail', from: overlap - 1 };
}

/** The few calls a line needs from a 2D context (a recording fake in tests). */
export type LineContext = Pick<
  CanvasRenderingContext2D,
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'arc'
  | 'stroke'
  | 'fill'
  | 'closePath'
  | 'setTransform'
  | 'clearRect'
  | 'strokeStyle'
  | 'fillStyle'
  | 'lineWidth'
  | 'globalAlpha'
  | 'lineJoin'
>;

/**
 * Sizes a canvas to `width` × `height` CSS px at `dpr` device pixels each (only when that
 * changed: setting a size clears and reallocates) and clears it; the caller then draws in CSS px
 * through `setTransform(dpr, …)`. The lines' full draws and the heatmap's draws both start here.
 */
export function clearCanvas(
  canvas: Pick<HTMLCanvasElement, 'width' | 'height'>,
  ctx: Pick<CanvasRenderingContext2D, 'setTransform' | 'clearRect'>,
  width: number,
  height: number,
  dpr: number,
): void {
  const w = Math.round(width * dpr);
  const h = Math.round(height * dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, w, h);
}

/** A lone sample between gaps (a young series, a flapping target) is a dot this wide (CSS px). */
const DOT_RADIUS = 1.5;

/**
 * One series from index `from` on, in canvas coordinates (x = (t − t0)·pxPerMs): a NaN breaks
 * the line, and a sample with gaps on both sides is drawn as a dot, so it does not vanish. With
 * `indices` (full draws of dense data) only those points are visited.
 */
export function strokeSeries(
  ctx: LineContext,
  times: ArrayLike<number>,
  column: Float64Array,
  { t0, pxPerMs, y }: CanvasMap,
  from: number,
  indices?: readonly number[],
): void {
  ctx.beginPath();
  const lone: number[] = [];
  let run = 0;
  let lastX = 0;
  let lastY = 0;
  const n = indices ? indices.length : times.length;
  for (let k = indices ? 0 : from; k < n; k++) {
    const i = indices ? (indices[k] ?? 0) : k;
    const v = column[i] ?? Number.NaN;
    if (Number.isNaN(v)) {
      if (run === 1) lone.push(lastX, lastY);
      run = 0;
      continue;
    }
    const px = ((times[i] ?? 0) - t0) * pxPerMs;
    const py = y.scale * v + y.offset;
    if (run === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
    run++;
    lastX = px;
    lastY = py;
  }
  if (run === 1) lone.push(lastX, lastY);
  ctx.stroke();
  if (!lone.length) return;
  ctx.beginPath();
  for (let j = 0; j < lone.length; j += 2) {
    const x = lone[j] ?? 0;
    const yy = lone[j + 1] ?? 0;
    ctx.moveTo(x + DOT_RADIUS, yy);
    ctx.arc(x, yy, DOT_RADIUS, 0, 2 * Math.PI);
  }
  ctx.fillStyle = ctx.strokeStyle;
  ctx.fill();
}

/** The area under a lone series down to `baseY`, filled. */
export function fillArea(
  ctx: LineContext,
  times: ArrayLike<number>,
  column: Float64Array,
  { t0, pxPerMs, y }: CanvasMap,
  baseY: number,
): void {
  ctx.beginPath();
  let runStart: number | null = null;
  let lastX = 0;
  const close = (): void => {
    if (runStart === null) return;
    ctx.lineTo(lastX, baseY);
    ctx.lineTo(runStart, baseY);
    ctx.closePath();
    runStart = null;
  };
  for (let i = 0; i < times.length; i++) {
    const v = column[i] ?? Number.NaN;
    if (Number.isNaN(v)) {
      close();
      continue;
    }
    const px = ((times[i] ?? 0) - t0) * pxPerMs;
    const py = y.scale * v + y.offset;
    if (runStart === null) {
      ctx.moveTo(px, py);
      runStart = px;
    } else ctx.lineTo(px, py);
    lastX = px;
  }
  close();
  ctx.fill();
}
