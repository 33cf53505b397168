import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  rangeResult,
  sampleAt,
  sampleText,
  CONSOLE_METHODS,
  ConsoleError,
  describeIssues,
  isEnvelope,
  requestSchemas,
  toErrorInfo,
  unwrap,
  type ConsoleApi,
  type ConsoleErrorInfo,
  type ConsoleMethod,
  type Envelope,
} from './api';

describe('the ConsoleApi contract', () => {
  it('has a request schema for every method and no other (type level)', () => {
    expectTypeOf<keyof typeof requestSchemas>().toEqualTypeOf<ConsoleMethod>();
    expectTypeOf<ConsoleMethod>().toEqualTypeOf<Exclude<keyof ConsoleApi, 'on'>>();
  });

  it('accepts, for each method, exactly what the schema lets through (type level)', () => {
    type Accepts<M extends ConsoleMethod> =
      Parameters<ConsoleApi[M]> extends [] ? undefined : Parameters<ConsoleApi[M]>[0];
    type SchemaOut<M extends ConsoleMethod> = z.output<(typeof requestSchemas)[M]>;
    expectTypeOf<SchemaOut<'query'>>().toEqualTypeOf<Accepts<'query'>>();
    expectTypeOf<SchemaOut<'getStackLogs'>>().toEqualTypeOf<Accepts<'getStackLogs'>>();
    expectTypeOf<SchemaOut<'openExternal'>>().toEqualTypeOf<Accepts<'openExternal'>>();
    expectTypeOf<SchemaOut<'queryRange'>>().toEqualTypeOf<Accepts<'queryRange'>>();
  });

  it('lists every method at run time, for the preload and the web host', () => {
    expect(new Set(CONSOLE_METHODS).size).toBe(CONSOLE_METHODS.length);
    expect(CONSOLE_METHODS).toContain('updateSettings');
    expect(CONSOLE_METHODS).not.toContain('on');
  });

  it('refuses a range query that would ask Prometheus for too many points', () => {
    const r = requestSchemas.queryRange.safeParse({ query: 'up', start: 0, end: 86_400, step: 1 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/raise the step/);
  });
});

describe('errors across the boundary', () => {
  it('keep code, message and fix as a value: unwrap throws them as a ConsoleError', () => {
    const info: ConsoleErrorInfo = {
      code: 'prometheus-unreachable',
      message: 'Prometheus at http://127.0.0.1:9091 is not reachable\nFix: not a fix line',
      fix: 'Start the stack.',
    };
    // What crosses IPC and HTTP is a structured clone / JSON copy of the envelope.
    const wire: unknown = JSON.parse(JSON.stringify({ ok: false, error: info }));
    expect(isEnvelope(wire)).toBe(true);
    let thrown: unknown;
    try {
      unwrap(wire as Envelope<never>);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ConsoleError);
    expect((thrown as ConsoleError).toInfo()).toEqual(info);
    expect(unwrap({ ok: true, value: [1, 2] })).toEqual([1, 2]);
    expect([null, {}, { ok: true }, { ok: false, error: 'x' }].map(isEnvelope)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('a misspelt code fails typecheck (type level)', () => {
    // @ts-expect-error 'prometheus-unreachble' is no ConsoleErrorCode
    const misspelt: ConsoleErrorInfo = { code: 'prometheus-unreachble', message: '' };
    expect(misspelt.code).toBe('prometheus-unreachble');
  });

  it('word zod issues one way: the path, then what is wrong', () => {
    const checked = requestSchemas.getStackLogs.safeParse({ service: 'loki', lines: 0 });
    expect(checked.success).toBe(false);
    const info = toErrorInfo(checked.error);
    expect(info.code).toBe('invalid-request');
    expect(info.message).toBe(
      'service: Invalid option: expected one of "prometheus"|"grafana"; lines: Too small: expected number to be >=1',
    );
    const whole = { issues: [{ path: [], message: 'Invalid input' }, ...checked.error!.issues] };
    expect(describeIssues(whole, { whole: 'settings', separator: '\n' }).split('\n')).toEqual([
      'settings: Invalid input',
      'service: Invalid option: expected one of "prometheus"|"grafana"',
      'lines: Too small: expected number to be >=1',
    ]);
    expect(describeIssues(whole)).toMatch(/^Invalid input; service: /);
  });

  it('keep a known code of an error that crossed as a plain object, and call any other internal', () => {
    expect(toErrorInfo({ code: 'port-in-use', message: 'taken', fix: 'move' })).toEqual({
      code: 'port-in-use',
      message: 'taken',
      fix: 'move',
    });
    expect(toErrorInfo({ code: 'ENOENT', message: 'no such file' })).toEqual({
      code: 'internal',
      message: 'no such file',
    });
  });

  it('never carry a stack trace', () => {
    const info = toErrorInfo(new Error('boom'));
    expect(JSON.stringify(info)).not.toMatch(/at .*\.ts:\d+/);
    expect(info).toEqual({ code: 'internal', message: 'boom' });
  });
});

describe('range results in columns', () => {
  const r = rangeResult(
    [1000, 2000, 3000],
    [{ metric: { a: '1' }, values: [Number.NaN, null, Number.POSITIVE_INFINITY] }],
  );
  const s = r.series[0]!;
  it("tells Prometheus's NaN from a time without a sample, though both are NaN in the column", () => {
    expect(Array.from(s.values)).toEqual([NaN, NaN, Infinity]);
    expect([0, 1, 2, 3].map((i) => sampleAt(s, i))).toEqual([NaN, null, Infinity, null]);
  });
  it('writes sample values as Prometheus does', () => {
    expect([NaN, Infinity, -Infinity, 0.25].map(sampleText)).toEqual([
      'NaN',
      '+Inf',
      '-Inf',
      '0.25',
    ]);
  });
  it('leaves out `missing` for a series with a sample at every time', () => {
    expect(rangeResult([1], [{ metric: {}, values: [1] }]).series[0]).not.toHaveProperty('missing');
  });
});
