import { describe, expect, it } from 'vitest';
import { RefreshPaintTracker } from './refresh-paint-tracker';

describe('RefreshPaintTracker', () => {
  it('times a refresh from its last response to the last panel painted', () => {
    const t = new RefreshPaintTracker(['a', 'b']);
    t.arrived('a', 100);
    t.arrived('b', 130);
    t.painted('a', 150, 160);
    expect(t.samples).toHaveLength(0);
    t.painted('b', 170, 185);
    expect(t.samples).toEqual([
      {
        firstArrivedAt: 100,
        arrivalSpreadMs: 30,
        paintedMs: 40,
        doubleRafMs: 55,
        fromFirstMs: 70,
        arrivalFrom: 'script',
      },
    ]);
  });

  it('takes arrival from the network when it can, since the last completed refresh', () => {
    const asked: [number, number][] = [];
    const t = new RefreshPaintTracker(['a', 'b'], (from, to) => {
      asked.push([from, to]);
      return [90, 95];
    });
    t.arrived('a', 100);
    t.arrived('b', 130);
    t.painted('a', 150, 160);
    t.painted('b', 170, 185);
    expect(t.samples[0]).toMatchObject({
      firstArrivedAt: 90,
      arrivalSpreadMs: 5,
      paintedMs: 75,
      fromFirstMs: 80,
      arrivalFrom: 'network',
    });
    t.arrived('a', 300);
    t.arrived('b', 310);
    t.painted('a', 320, 330);
    t.painted('b', 320, 330);
    expect(asked).toEqual([
      [0, 130],
      [170, 310],
    ]);
  });

  it('ignores paints of panels whose data did not arrive in this refresh', () => {
    const t = new RefreshPaintTracker(['a']);
    t.painted('a', 10, 20);
    t.arrived('a', 30);
    t.painted('a', 40, 50);
    expect(t.samples.map((s) => s.paintedMs)).toEqual([10]);
  });

  it('starts over when a panel answers twice before the refresh completed', () => {
    const t = new RefreshPaintTracker(['a', 'b']);
    t.arrived('a', 0);
    t.arrived('a', 500);
    t.arrived('b', 510);
    t.painted('a', 520, 530);
    t.painted('b', 520, 530);
    expect(t.samples[0]?.fromFirstMs).toBe(20);
  });

  it('keeps at most the newest samples and can be cleared', () => {
    const t = new RefreshPaintTracker(['a'], undefined, 2);
    for (let i = 0; i < 3; i++) {
      t.arrived('a', i * 100);
      t.painted('a', i * 100 + 1, i * 100 + 2);
    }
    expect(t.samples.map((s) => s.firstArrivedAt)).toEqual([100, 200]);
    t.clear();
    expect(t.samples).toEqual([]);
  });
});
