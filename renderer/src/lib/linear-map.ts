// A linear map from values to pixels: what every chart's axes and layers place things with.
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
