// Series colours that stay apart on a dark background (Grafana's classic palette order).
const PALETTE = [
  '#73bf69',
  '#f2cc0c',
  '#8ab8ff',
  '#ff780a',
  '#f2495c',
  '#5794f2',
  '#b877d9',
  '#96d98d',
  '#ffb357',
  '#ca95e5',
  '#e02f44',
  '#3274d9',
  '#56a64b',
  '#fade2a',
  '#a352cc',
  '#ff9830',
];

export function seriesColor(index: number): string {
  return PALETTE[index % PALETTE.length] ?? '#8ab8ff';
}

export const AXIS_COLOR = '#7d8796';
export const GRID_COLOR = '#232a34';
export const BAR_COLOR = '#ff9830';
