// Downsampling a line to the pixels it is drawn on, without changing what is drawn.
//
// M4 (Jugel et al., "M4: A Visualization-Oriented Time Series Data Aggregation", VLDB 2014):
// per pixel column keep the first, the lowest, the highest and the last point. A line through
// those rasterises to the same pixels as the line through all of them, so peaks and dips
// survive — unlike picking every n-th point or averaging. Gaps (NaN) stay gaps.

/**
 * Indices of the points to draw, ascending: at most four per `bucketWidth`-wide column of x,
 * every point when the data is sparser than that. A gap is kept as the index of one NaN
 * between two drawn runs, so a line drawn through the result breaks where the data does.
 * `xs` must be ascending (pixel positions of the samples).
 */
export function m4Indices(xs: ArrayLike<number>, ys: ArrayLike<number>, bucketWidth = 1): number[] {
  const out: number[] = [];
  let bucket = Number.NaN;
  let first = -1;
  let min = -1;
  let max = -1;
  let last = -1;
  let minY = 0;
  let maxY = 0;

  // Ascending and without repeats: first ≤ min, max ≤ last, and they may coincide.
  const push = (index: number): void => {
    if (out[out.length - 1] !== index) out.push(index);
  };
  const flush = (): void => {
    if (first < 0) return;
    push(first);
    push(Math.min(min, max));
    push(Math.max(min, max));
    push(last);
    first = -1;
  };

  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const y = ys[i] ?? Number.NaN;
    if (Number.isNaN(y)) {
      flush();
      bucket = Number.NaN;
      // One marker per gap, and only between drawn points (a leading gap draws nothing).
      const prev = out[out.length - 1];
      if (prev !== undefined && !Number.isNaN(ys[prev] ?? Number.NaN)) out.push(i);
      continue;
    }
    const b = Math.floor((xs[i] ?? 0) / bucketWidth);
    if (b !== bucket || first < 0) {
      flush();
      bucket = b;
      first = min = max = last = i;
      minY = maxY = y;
      continue;
    }
    if (y < minY) {
      minY = y;
      min = i;
    }
    if (y > maxY) {
      maxY = y;
      max = i;
    }
    last = i;
  }
  flush();
  // A trailing gap marker draws nothing.
  const tail = out[out.length - 1];
  if (tail !== undefined && Number.isNaN(ys[tail] ?? Number.NaN)) out.pop();
  return out;
}

/**
 * The points worth drawing for a line over `xs` (ascending pixels): M4 per pixel column when
 * there are more than two points per column on average, otherwise undefined — every point, as
 * M4 would keep nearly all of them anyway.
 */
export function pointsToDraw(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  bucketWidth = 1,
): number[] | undefined {
  const n = Math.min(xs.length, ys.length);
  if (n < 3) return undefined;
  const columns = Math.abs((xs[n - 1] ?? 0) - (xs[0] ?? 0)) / bucketWidth + 1;
  return n > 2 * columns ? m4Indices(xs, ys, bucketWidth) : undefined;
}
