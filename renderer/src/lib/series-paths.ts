// Each series of a range result as an SVG path in a fixed box, built once when the result
// arrives rather than when the panel draws. The box spans the result's time range and value
// range; the panel maps it onto its plot area with one transform, so neither a resize nor
// hiding a series (which rescales the y axis) rebuilds a path.
import { pointsToDraw } from './downsample';
import { areaPath, linearMap, linePath } from './line-path';

/** Path coordinates run 0…PATH_BOX on both axes: x from `t0` to `t1`, y from `hi` down to `lo`. */
export const PATH_BOX = 5000;
/** M4 keeps at most four points per column of this many: enough for a chart 2000 px wide. */
const COLUMNS = 2000;
/** A lone sample between gaps is drawn as a dash this long (~1 px on a 500 px wide chart). */
const DASH = PATH_BOX / 500;

export interface PathBox {
  /** Time (ms) at x = 0 and at x = PATH_BOX. */
  t0: number;
  t1: number;
  /** Value at y = PATH_BOX (the bottom) and at y = 0 (the top). */
  lo: number;
  hi: number;
}

export interface SeriesPaths {
  box: PathBox;
  /** Per series, in the order of the columns. */
  lines: string[];
  /** The area under the line down to 0, for a chart of one series (drawn filled); else null. */
  area: string | null;
}

/** Paths for columns of values over ascending `times`; lo/hi bound every finite value. */
export function seriesPaths(
  times: readonly number[],
  columns: readonly Float64Array[],
  lo: number,
  hi: number,
): SeriesPaths {
  const t0 = times[0] ?? 0;
  const last = times[times.length - 1] ?? t0;
  const t1 = last > t0 ? last : t0 + 1000;
  const bottom = Number.isFinite(lo) ? lo : 0;
  const top = Number.isFinite(hi) && hi > bottom ? hi : bottom + 1;
  const box: PathBox = { t0, t1, lo: bottom, hi: top };
  const x = linearMap(t0, t1, 0, PATH_BOX);
  const y = linearMap(bottom, top, PATH_BOX, 0);
  const xs = Float64Array.from(times, (t) => x.scale * t + x.offset);
  const bucket = PATH_BOX / COLUMNS;
  const lines = columns.map((column) =>
    linePath(xs, column, y, pointsToDraw(xs, column, bucket), DASH),
  );
  const only = columns.length === 1 ? columns[0] : undefined;
  const zero = Math.min(PATH_BOX, Math.max(0, y.scale * 0 + y.offset));
  const area = only ? areaPath(xs, only, y, zero, pointsToDraw(xs, only, bucket)) : null;
  return { box, lines, area };
}
