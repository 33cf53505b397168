import { describe, expect, it } from 'vitest';
import { ConsoleError, type BridgeApi } from '../../../shared/api';
import { wrapBridgeApi } from './bridge-client';

describe('wrapBridgeApi', () => {
  it("unwraps the preload's error envelope into a ConsoleError with code and fix", async () => {
    const bridge = {
      getTargets: () =>
        Promise.resolve({
          ok: false,
          error: {
            code: 'prometheus-unreachable',
            message: 'ECONNREFUSED',
            fix: 'Start the stack.',
          },
        }),
      getSettings: () => Promise.resolve({ ok: true, value: { dataDir: '/d' } }),
      on: () => () => undefined,
    } as unknown as BridgeApi;
    const api = wrapBridgeApi(bridge);
    const err = await api.getTargets().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConsoleError);
    expect(err).toMatchObject({
      code: 'prometheus-unreachable',
      message: 'ECONNREFUSED',
      fix: 'Start the stack.',
    });
    await expect(api.getSettings()).resolves.toEqual({ dataDir: '/d' });
  });

  it('passes arguments and subscriptions through', async () => {
    const seen: unknown[] = [];
    const bridge = {
      query: (req: unknown) => {
        seen.push(req);
        return Promise.resolve({ ok: true, value: { resultType: 'vector', result: [] } });
      },
      on: (event: string) => {
        seen.push(event);
        return () => seen.push('off');
      },
    } as unknown as BridgeApi;
    const api = wrapBridgeApi(bridge);
    await expect(api.query({ query: 'up' })).resolves.toEqual({
      resultType: 'vector',
      result: [],
    });
    api.on('settings', () => undefined)();
    expect(seen).toEqual([{ query: 'up' }, 'settings', 'off']);
  });
});
