import { describe, expect, it } from 'vitest';
import { ConsoleError, encodeBridgeError, type ConsoleApi } from '../../../shared/api';
import { wrapBridgeApi } from './bridge-client';

describe('wrapBridgeApi', () => {
  it("turns the preload's encoded Error back into a ConsoleError with code and fix", async () => {
    const bridge = {
      getTargets: () =>
        Promise.reject(
          new Error(
            "Error invoking remote method 'pw:getTargets': " +
              encodeBridgeError({
                code: 'prometheus-unreachable',
                message: 'ECONNREFUSED',
                fix: 'Start the stack.',
              }),
          ),
        ),
      getSettings: () => Promise.resolve({ dataDir: '/d' }),
      on: () => () => undefined,
    } as unknown as ConsoleApi;
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
        return Promise.resolve({ resultType: 'vector', result: [] });
      },
      on: (event: string) => {
        seen.push(event);
        return () => seen.push('off');
      },
    } as unknown as ConsoleApi;
    const api = wrapBridgeApi(bridge);
    await api.query({ query: 'up' });
    api.on('settings', () => undefined)();
    expect(seen).toEqual([{ query: 'up' }, 'settings', 'off']);
  });
});
