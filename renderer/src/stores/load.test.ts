import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { ConsoleError, type ConsoleErrorInfo } from '../../../shared/api';
import { loader } from './load';

interface Probe {
  value: string | null;
  error: ConsoleErrorInfo | null;
  loading: boolean;
  at: number | null;
  load: () => Promise<void>;
}

/** A store whose load answers from `answers` in turn: a string, or an error to throw. */
function probeStore(answers: (string | Error)[], calls = { count: 0 }, rerun = false) {
  return create<Probe>()((set, get) => ({
    value: null,
    error: null,
    loading: false,
    at: null,
    load: loader(
      set,
      get,
      { value: 'value', error: 'error', busy: 'loading' },
      () => {
        const answer = answers[calls.count++];
        if (answer === undefined)
          return Promise.reject(new Error('asked more often than answered'));
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
      },
      { onValue: () => ({ at: calls.count }), onError: () => ({ at: -calls.count }), rerun },
    ),
  }));
}

describe('loader', () => {
  it('keeps the answer and clears the error a failure left', async () => {
    const store = probeStore([
      new ConsoleError({ code: 'prometheus-unreachable', message: 'down' }),
      'up',
    ]);
    await store.getState().load();
    expect(store.getState().error?.code).toBe('prometheus-unreachable');
    await store.getState().load();
    expect(store.getState()).toMatchObject({ value: 'up', error: null, loading: false, at: 2 });
  });

  it('keeps the last value beside the failure, as a ConsoleErrorInfo with its code', async () => {
    const store = probeStore([
      'first',
      new ConsoleError({ code: 'prometheus-timeout', message: 'slow', fix: 'Wait.' }),
    ]);
    await store.getState().load();
    await store.getState().load();
    expect(store.getState()).toMatchObject({
      value: 'first',
      error: { code: 'prometheus-timeout', message: 'slow', fix: 'Wait.' },
      loading: false,
      at: -2,
    });
  });

  it('runs one request at a time: a load asked for while one is out does nothing', async () => {
    const calls = { count: 0 };
    const store = probeStore(['only'], calls);
    const first = store.getState().load();
    expect(store.getState().loading).toBe(true);
    await store.getState().load();
    await first;
    expect(calls.count).toBe(1);
    expect(store.getState()).toMatchObject({ value: 'only', loading: false });
  });

  it('with rerun, runs once more after the request out when asked meanwhile, however often', async () => {
    const calls = { count: 0 };
    const store = probeStore(['for the old filter', 'for the new filter'], calls, true);
    const first = store.getState().load();
    // Two asks while the first is out (a filter typed twice): one more request, not two.
    void store.getState().load();
    void store.getState().load();
    await first;
    expect(calls.count).toBe(2);
    expect(store.getState()).toMatchObject({ value: 'for the new filter', loading: false });
  });

  it('with rerun, runs once more after a failure too, and not again once idle', async () => {
    const calls = { count: 0 };
    const store = probeStore([new Error('boom'), 'back'], calls, true);
    const first = store.getState().load();
    await store.getState().load();
    await first;
    expect(calls.count).toBe(2);
    expect(store.getState()).toMatchObject({ value: 'back', error: null, loading: false });
  });

  it('is ready for the next load after a failure', async () => {
    const calls = { count: 0 };
    const store = probeStore([new Error('boom'), 'back'], calls);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loading: false, error: { code: 'internal' } });
    await store.getState().load();
    expect(calls.count).toBe(2);
    expect(store.getState().value).toBe('back');
  });
});
