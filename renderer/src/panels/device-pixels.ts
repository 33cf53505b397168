// Device pixels for what the charts draw: the canvases are sized in them, and what moves with
// the time range (the lines' canvas, the time axis) is placed on whole ones, so a move smaller
// than a pixel leaves it where it was.

/** Device pixels per CSS pixel (1 where there is no window, as in unit tests). */
export const currentDevicePixelRatio = (): number =>
  typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;

/** `px` (CSS pixels) moved to the nearest whole device pixel. */
export const snapToDevicePixel = (px: number, dpr: number): number => Math.round(px * dpr) / dpr;
