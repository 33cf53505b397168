import { describe, expect, it } from 'vitest';
import { ALL, PANELS, VARIABLES, defaultVariableValues, type VariableValues } from './dashboard';
import { escapePromRegex, formatVariableValue, interpolateQuery } from './interpolate';

const variable = (name: string) => {
  const v = VARIABLES.find((x) => x.name === name);
  if (!v) throw new Error(`no variable ${name}`);
  return v;
};

/** What Prometheus does with a double-quoted string literal before compiling it as a regex. */
function unquotePromString(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** True when the interpolated matcher value, anchored as Prometheus anchors it, matches `label`. */
function promRegexMatches(interpolated: string, label: string): boolean {
  return new RegExp(`^(?:${unquotePromString(interpolated)})$`).test(label);
}

const values = (over: Partial<VariableValues>): VariableValues => ({
  ...defaultVariableValues(),
  ...over,
});

describe('interpolateQuery (Grafana rules)', () => {
  it('substitutes the job as one exact value, a quote in it escaped', () => {
    expect(interpolateQuery('up{job="$job"}', values({}))).toBe('up{job="peak_trade_web"}');
    expect(interpolateQuery('up{job="$job"}', values({ job: ['a"b\\c'] }))).toBe(
      'up{job="a\\"b\\\\c"}',
    );
    // No job chosen: the definition's default, never an empty matcher.
    expect(interpolateQuery('up{job="$job"}', values({ job: [] }))).toBe(
      'up{job="peak_trade_web"}',
    );
  });

  it('matches the chosen instances only, their dots literal; All matches every one', () => {
    const one = formatVariableValue(variable('instance'), ['127.0.0.1:8000']);
    expect(promRegexMatches(one, '127.0.0.1:8000')).toBe(true);
    expect(promRegexMatches(one, '127.0.0.1:8001')).toBe(false);
    expect(promRegexMatches(one, '127x0x0x1:8000')).toBe(false);
    const two = formatVariableValue(variable('instance'), ['127.0.0.1:8000', 'app:9000']);
    expect(promRegexMatches(two, 'app:9000')).toBe(true);
    expect(formatVariableValue(variable('instance'), [ALL])).toBe('.*');
  });

  it('turns several chosen routes into a (a|b) alternation', () => {
    const out = interpolateQuery('x{route=~"$route"}', values({ route: ['/health', '/metrics'] }));
    expect(out).toBe('x{route=~"(/health|/metrics)"}');
  });

  it('escapes regex characters in a route so it matches only itself', () => {
    const route = '/api/v1.0/(x)';
    const formatted = formatVariableValue(variable('route'), [route]);
    expect(formatted).toBe('/api/v1\\\\.0/\\\\(x\\\\)');
    expect(promRegexMatches(formatted, route)).toBe(true);
    // Unescaped, "." would also match any character.
    expect(promRegexMatches(formatted, '/api/v1x0/(x)')).toBe(false);
  });

  it('keeps every special character literal, including backslash and quotes', () => {
    const nasty = ['a\\b', 'a+b*c?', '^$|[]{}', "it's", 'say "hi"', 'dollar$route'];
    for (const value of nasty) {
      const formatted = escapePromRegex(value);
      expect(promRegexMatches(formatted, value), value).toBe(true);
      // A quote in a value must not end the PromQL string: every " stays escaped.
      expect(formatted.replace(/\\\\/g, '').match(/(^|[^\\])"/), value).toBeNull();
    }
    expect(escapePromRegex('a\\b')).toBe('a\\\\\\\\b');
  });

  it('All on a query variable becomes its allValue .*', () => {
    const out = interpolateQuery(
      'x{route=~"$route", method=~"$method"}',
      values({ route: [ALL], method: ['GET', ALL] }),
    );
    expect(out).toBe('x{route=~".*", method=~".*"}');
  });

  it('an empty selection on a query variable means All', () => {
    expect(formatVariableValue(variable('method'), [])).toBe('.*');
  });

  it('a single value of a plain custom variable is substituted as is', () => {
    const out = interpolateQuery(
      'histogram_quantile($quantile, x{status_code=~"$status_class"}[$window])',
      values({ quantile: ['0.99'], status_class: ['4..'], window: ['1m'] }),
    );
    expect(out).toBe('histogram_quantile(0.99, x{status_code=~"4.."}[1m])');
  });

  it('a single value of a multi variable is escaped but not parenthesised', () => {
    expect(formatVariableValue(variable('route'), ['/a.b'])).toBe('/a\\\\.b');
  });

  it('a custom variable without All falls back to its default for an empty or All choice', () => {
    expect(formatVariableValue(variable('window'), [])).toBe('5m');
    expect(formatVariableValue(variable('status_class'), [ALL])).toBe('5..');
  });

  it('replaces ${braced} names like bare ones', () => {
    const out = interpolateQuery('rate(x[${window}]) $window', values({ window: ['15m'] }));
    expect(out).toBe('rate(x[15m]) 15m');
  });

  it('leaves unknown $words and longer names alone', () => {
    const expr = 'x[$__rate_interval] $routes ${nope} $route';
    expect(interpolateQuery(expr, values({ route: ['/a'] }))).toBe(
      'x[$__rate_interval] $routes ${nope} /a',
    );
  });

  it('leaves no dashboard variable behind in any panel query', () => {
    for (const panel of PANELS) {
      const out = interpolateQuery(panel.expr, defaultVariableValues());
      for (const v of VARIABLES) {
        expect(out, panel.key).not.toMatch(new RegExp(`\\$\\{?${v.name}\\b`));
      }
    }
  });
});
