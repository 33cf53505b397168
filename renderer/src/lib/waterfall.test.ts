import { describe, expect, it } from 'vitest';
import type { SpanRecord } from '../../../shared/contract/telemetry';
import { layoutWaterfall } from './waterfall';

function span(id: string, parent: string | null, startMs: number, durationMs: number): SpanRecord {
  return {
    traceId: 'a'.repeat(32),
    spanId: id,
    parentSpanId: parent,
    name: id,
    kind: 'internal',
    service: 'svc',
    startMs,
    durationMs,
    status: 'unset',
    statusMessage: '',
    attributes: {},
    events: [],
    resource: {},
    scope: 's',
  };
}

describe('layoutWaterfall', () => {
  it('nests children under their parent, each level by start, bars as fractions of the trace', () => {
    const w = layoutWaterfall([
      span('b', 'root', 1050, 20),
      span('root', null, 1000, 100),
      span('a', 'root', 1010, 30),
      span('a1', 'a', 1020, 10),
    ]);
    expect(w.rows.map((r) => [r.span.spanId, r.depth])).toEqual([
      ['root', 0],
      ['a', 1],
      ['a1', 2],
      ['b', 1],
    ]);
    expect(w.startMs).toBe(1000);
    expect(w.durationMs).toBe(100);
    expect(w.rows[3]).toMatchObject({ offset: 0.5, width: 0.2 });
  });

  it('draws a span whose parent is not kept as a root, and survives a parent cycle', () => {
    const w = layoutWaterfall([
      span('orphan', 'gone', 0, 10),
      span('x', 'y', 0, 5),
      span('y', 'x', 1, 5),
    ]);
    expect(w.rows.map((r) => r.span.spanId).sort()).toEqual(['orphan', 'x', 'y']);
    expect(w.rows.find((r) => r.span.spanId === 'orphan')?.depth).toBe(0);
  });

  it('gives a zero-length trace full-width bars instead of dividing by zero', () => {
    const w = layoutWaterfall([span('r', null, 5, 0)]);
    expect(w.rows[0]).toMatchObject({ offset: 0, width: 1 });
    expect(layoutWaterfall([]).rows).toEqual([]);
  });
});
