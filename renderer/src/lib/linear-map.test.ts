import { describe, expect, it } from 'vitest';
import { linearMap } from './linear-map';

describe('linearMap', () => {
  it('maps one range onto another, flipped when asked', () => {
    const m = linearMap(0, 10, 100, 0);
    expect(m.scale * 0 + m.offset).toBe(100);
    expect(m.scale * 10 + m.offset).toBe(0);
    expect(m.scale * 5 + m.offset).toBe(50);
  });
  it('maps an empty range to its start', () => {
    expect(linearMap(3, 3, 7, 9)).toEqual({ scale: 0, offset: 7 });
  });
});
