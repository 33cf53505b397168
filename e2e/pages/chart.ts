// What a timeseries chart's series layer holds. Below the density threshold the series are
// recharts `<Line>`s (SVG paths), above it a canvas (panels/SeriesLines.tsx) whose lines are
// pixels, not elements — so "the series are drawn" is read from whichever the chart says it uses
// (its data-series-renderer).
import type { Locator } from '@playwright/test';

export interface LinePixels {
  /** Canvas: pixels with any ink. SVG: the drawn length of the series' paths (px). */
  painted: number;
  /** Distinct series colours drawn (canvas: opaque colours, antialiasing aside). */
  colours: number;
}

/** What the series layer inside `chart` draws (zero when it draws nothing). */
export async function linePixels(chart: Locator): Promise<LinePixels> {
  return chart.evaluate((root) => {
    const renderer =
      root.closest('[data-series-renderer]')?.getAttribute('data-series-renderer') ??
      root.querySelector('[data-series-renderer]')?.getAttribute('data-series-renderer');
    if (renderer === 'svg') {
      const paths = [
        ...root.querySelectorAll<SVGPathElement>('.recharts-line path, .recharts-area path'),
      ].filter((p) => p.getAttribute('stroke') && p.getAttribute('stroke') !== 'none');
      const drawn = paths.filter((p) => p.getTotalLength() > 0);
      return {
        painted: Math.round(drawn.reduce((n, p) => n + p.getTotalLength(), 0)),
        colours: new Set(drawn.map((p) => p.getAttribute('stroke'))).size,
      };
    }
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
