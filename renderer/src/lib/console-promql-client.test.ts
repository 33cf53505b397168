import { CompletionContext } from '@codemirror/autocomplete';
import { ensureSyntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { PromQLExtension } from '@prometheus-io/codemirror-promql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { consolePromqlClient, seriesSelector } from './console-promql-client';

/** A ConsoleApi slice that records what completion asked it. */
function fakeConsole() {
  const calls: string[] = [];
  const api = {
    getLabelNames: vi.fn((req?: { match?: string }) => {
      calls.push(`getLabelNames ${req?.match ?? ''}`);
      return Promise.resolve(['__name__', 'route', 'method']);
    }),
    getLabelValues: vi.fn((req: { label: string; match?: string }) => {
      calls.push(`getLabelValues ${req.label} ${req.match ?? ''}`);
      return Promise.resolve(
        req.label === '__name__'
          ? ['peak_trade_http_requests_total', 'peak_trade_http_in_flight_requests', 'up']
          : ['/health', '/api/status'],
      );
    }),
    getSeries: vi.fn((req: { match: string }) => {
      calls.push(`getSeries ${req.match}`);
      return Promise.resolve([{ __name__: 'peak_trade_http_requests_total', route: '/health' }]);
    }),
    getMetricMetadata: vi.fn(() => {
      calls.push('getMetricMetadata');
      return Promise.resolve({
        peak_trade_http_requests_total: [{ type: 'counter', help: 'Requests.', unit: '' }],
      });
    }),
  };
  return { api, calls };
}

/** Completion at `|` in `text` (the editor closes brackets as one types, hence `{|}`). */
async function complete(text: string, api: ReturnType<typeof fakeConsole>['api']) {
  const pos = text.includes('|') ? text.indexOf('|') : text.length;
  const doc = text.replace('|', '');
  const extension = new PromQLExtension().setComplete({ remote: consolePromqlClient(api) });
  const created = EditorState.create({ doc, extensions: extension.asExtension() });
  // Creating a state parses for 20 ms of wall time at most, and completion reads the tree the
  // state holds: on a busy machine that tree stops short and completion offers nothing. Finish
  // the parse, then take a state that holds the whole tree.
  if (ensureSyntaxTree(created, doc.length, 10_000) === null) throw new Error('parse incomplete');
  const state = created.update({}).state;
  return extension.getComplete().promQL(new CompletionContext(state, pos, true));
}

describe('autocomplete through the console', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('completes metric names from the console and never fetches Prometheus itself', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('the renderer must not fetch')));
    vi.stubGlobal('fetch', fetch);
    const { api, calls } = fakeConsole();
    const result = await complete('peak_trade_http_req', api);
    const labels = result?.options.map((o) => o.label) ?? [];
    expect(labels).toContain('peak_trade_http_requests_total');
    expect(calls).toContain('getLabelValues __name__ ');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('completes label names and values of the metric being typed', async () => {
    const { api, calls } = fakeConsole();
    const names = await complete('peak_trade_http_requests_total{|}', api);
    expect(names?.options.map((o) => o.label)).toEqual(expect.arrayContaining(['route', 'method']));
    const values = await complete('peak_trade_http_requests_total{route="|"}', api);
    expect(values?.options.map((o) => o.label)).toEqual(
      expect.arrayContaining(['/health', '/api/status']),
    );
    expect(calls.some((c) => c.includes('peak_trade_http_requests_total'))).toBe(true);
  });
});

describe('seriesSelector', () => {
  it('writes matchers as PromQL, leaving out empty ones and the label being completed', () => {
    const eq = 1;
    const m = (name: string, value: string, type = eq) => ({ name, value, type });
    expect(seriesSelector('up')).toBe('up');
    expect(seriesSelector('up', [m('job', 'a'), m('x', '')])).toMatch(/^up\{job=?.?"a"\}$/);
    expect(seriesSelector('up', [m('job', 'a')], 'job')).toBe('up');
  });
});
