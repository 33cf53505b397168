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

export interface ValueAxisSeen {
  /** The value axis's labels, bottom to top, with the page y of each one's middle. */
  labels: { text: string; y: number }[];
  /** The page y of each horizontal grid line, top to bottom. */
  gridLines: number[];
  /** The page y of the highest and lowest ink of the series layer (SVG paths or canvas pixels). */
  inkTop: number;
  inkBottom: number;
}

/** Where the value axis's labels, the grid lines and the drawn series of `chart` sit on the page. */
export async function valueAxisSeen(chart: Locator): Promise<ValueAxisSeen> {
  return chart.evaluate((root) => {
    const middle = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.top + r.height / 2;
    };
    const labels = [
      ...root.querySelectorAll('text.recharts-yAxis.recharts-cartesian-axis-tick-value'),
    ]
      .map((t) => ({ text: (t.textContent ?? '').trim(), y: middle(t) }))
      .sort((a, b) => b.y - a.y);
    const gridLines = [...root.querySelectorAll('.recharts-cartesian-grid-horizontal line')]
      .map(middle)
      .sort((a, b) => a - b);
    let inkTop = Number.POSITIVE_INFINITY;
    let inkBottom = Number.NEGATIVE_INFINITY;
    const paths = [
      ...root.querySelectorAll<SVGPathElement>('.recharts-line path, .recharts-area path'),
    ].filter((p) => p.getAttribute('stroke') && p.getAttribute('stroke') !== 'none');
    for (const p of paths) {
      const r = p.getBoundingClientRect();
      inkTop = Math.min(inkTop, r.top);
      inkBottom = Math.max(inkBottom, r.bottom);
    }
    const canvas = root.querySelector<HTMLCanvasElement>('.series-lines canvas');
    const ctx = canvas?.getContext('2d');
    if (!paths.length && canvas && ctx && canvas.width && canvas.height) {
      const box = canvas.getBoundingClientRect();
      const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const rowsInked: number[] = [];
      for (let row = 0; row < canvas.height; row++) {
        for (let col = 0; col < canvas.width; col++) {
          // Any ink: a line along the plot's top edge is half outside the canvas.
          if ((px[(row * canvas.width + col) * 4 + 3] ?? 0) > 0) {
            rowsInked.push(row);
            break;
          }
        }
      }
      const toPage = (row: number) => box.top + ((row + 0.5) * box.height) / canvas.height;
      if (rowsInked.length) {
        inkTop = toPage(Math.min(...rowsInked));
        inkBottom = toPage(Math.max(...rowsInked));
      }
    }
    return { labels, gridLines, inkTop, inkBottom };
  });
}
