import { describe, expect, it } from 'vitest';
import { cursorKey, type CursorKeys } from './keyboard-cursor';

/** A chart's key handler with what it shows recorded, samples 10 s apart. */
function chart(zoom = true) {
  const shown = { at: null as number | null, span: null as { from: number; to: number } | null };
  const zoomed: [number, number][] = [];
  const keys: CursorKeys = {
    times: [0, 10_000, 20_000, 30_000, 40_000, 50_000],
    cursor: { current: null },
    anchor: { current: null },
    move: (t) => {
      keys.cursor.current = t;
      shown.at = t;
    },
    select: (span) => (shown.span = span),
    ...(zoom ? { zoom: (from: number, to: number) => void zoomed.push([from, to]) } : {}),
  };
  const press = (key: string, shiftKey = false) => cursorKey({ key, shiftKey }, keys);
  return { keys, shown, zoomed, press };
}

describe('cursorKey', () => {
  it('steps from the last sample, and keys pressed in a row each step on', () => {
    const c = chart();
    expect(c.press('ArrowLeft')).toBe(true);
    expect(c.shown.at).toBe(50_000);
    for (let i = 0; i < 3; i++) c.press('ArrowLeft');
    expect(c.shown.at).toBe(20_000);
    c.press('Home');
    c.press('ArrowLeft');
    expect(c.shown.at).toBe(0);
    c.press('End');
    expect(c.shown.at).toBe(50_000);
  });

  it('Shift selects from where it began, Enter zooms into that span and clears it', () => {
    const c = chart();
    c.press('End');
    for (let i = 0; i < 3; i++) c.press('ArrowLeft', true);
    expect(c.shown.span).toEqual({ from: 50_000, to: 20_000 });
    expect(c.press('Enter')).toBe(true);
    expect(c.zoomed).toEqual([[50_000, 20_000]]);
    expect(c.shown).toEqual({ at: null, span: null });
  });

  it('a step without Shift drops the selection, and Enter then zooms nothing', () => {
    const c = chart();
    c.press('End');
    c.press('ArrowLeft', true);
    c.press('ArrowLeft');
    expect(c.shown.span).toBeNull();
    expect(c.press('Enter')).toBe(false);
    expect(c.zoomed).toEqual([]);
  });

  it('Escape leaves; other keys and a chart without zoom are left alone', () => {
    const c = chart(false);
    c.press('End');
    c.press('ArrowLeft', true);
    expect(c.shown.span).toBeNull();
    expect(c.press('Enter')).toBe(false);
    expect(c.press('a')).toBe(false);
    expect(c.press('Escape')).toBe(true);
    expect(c.shown.at).toBeNull();
  });
});
