import { describe, expect, it } from 'vitest';
import { TOOLTIP_GAP, tooltipSide } from './tooltip-placement';

const plot = { x: 40, y: 8, width: 400, height: 200 };

describe('tooltipSide', () => {
  it('puts the tooltip right of a cursor over the plot’s left half', () => {
    expect(tooltipSide(100, 100, plot, 500)).toEqual({ left: 100 + TOOLTIP_GAP });
  });

  it('puts it left of a cursor over the right half, measured from the host’s right edge', () => {
    expect(tooltipSide(300, 300, plot, 500)).toEqual({ right: 500 - 300 + TOOLTIP_GAP });
  });

  it('clears a whole cell: right of its right edge, or left of its left edge', () => {
    expect(tooltipSide(100, 130, plot, 500)).toEqual({ left: 130 + TOOLTIP_GAP });
    expect(tooltipSide(400, 430, plot, 500)).toEqual({ right: 500 - 400 + TOOLTIP_GAP });
  });

  it('counts the plot’s middle as the right half', () => {
    expect(tooltipSide(240, 240, plot, 500)).toEqual({ right: 500 - 240 + TOOLTIP_GAP });
  });
});
