// What a timeseries chart's lines canvas (panels/SeriesLines.tsx) holds: the lines are pixels,
// not elements, so "the series are drawn" is read from the canvas itself.
import type { Locator } from '@playwright/test';

export interface LinePixels {
  /** Pixels with any ink. */
  painted: number;
  /** Distinct opaque colours among them (one per series colour drawn, antialiasing aside). */
  colours: number;
}

/** The painted pixels of the lines canvas inside `chart` (zero when it has none). */
export async function linePixels(chart: Locator): Promise<LinePixels> {
  return chart.evaluate((root) => {
    const canvas = root.querySelector<HTMLCanvasElement>('.series-lines canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !canvas.width || !canvas.height) return { painted: 0, colours: 0 };
    const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    const colours = new Set<number>();
    for (let i = 0; i < px.length; i += 4) {
      if (!px[i + 3]) continue;
      painted++;
      if (px[i + 3] === 255)
        colours.add(((px[i] ?? 0) << 16) | ((px[i + 1] ?? 0) << 8) | (px[i + 2] ?? 0));
    }
    return { painted, colours: colours.size };
  });
}
