// The preload against an Electron stand-in: there is no Electron binary on this machine, so
// `electron` is replaced by a recording fake of contextBridge and ipcRenderer.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CONSOLE_METHODS, ConsoleError, decodeBridgeError, type ConsoleApi } from '../shared/api';
import { EVENT_PREFIX, INVOKE_PREFIX } from './ipc';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn();
const listeners = new Map<string, (e: unknown, payload: unknown) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args) as unknown,
    on: (channel: string, fn: (e: unknown, payload: unknown) => void) => listeners.set(channel, fn),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

let api: ConsoleApi;
beforeAll(async () => {
  await import('./preload');
  api = exposed.api as ConsoleApi;
});

describe('preload (Electron stand-in)', () => {
  it('exposes exactly window.api: one function per ConsoleApi method, plus on()', () => {
    expect(Object.keys(exposed)).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual([...CONSOLE_METHODS, 'on'].sort());
  });

  it('invokes the prefixed channel with the payload and returns the value', async () => {
    invoke.mockResolvedValueOnce({ ok: true, value: { listening: true } });
    await expect(api.getServerStatus()).resolves.toEqual({ listening: true });
    invoke.mockResolvedValueOnce({ ok: true, value: [] });
    await api.getLabelValues({ label: 'route' });
    expect(invoke).toHaveBeenLastCalledWith(`${INVOKE_PREFIX}getLabelValues`, { label: 'route' });
  });

  it('rethrows an error envelope as a real Error the renderer decodes into code and fix', async () => {
    invoke.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'port-in-use',
        message: 'Port 8000 on 127.0.0.1 is already in use',
        fix: 'Choose another port',
      },
    });
    const err = await api.startStack().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const decoded = decodeBridgeError(err);
    expect(decoded).toBeInstanceOf(ConsoleError);
    expect(decoded.code).toBe('port-in-use');
    expect(decoded.fix).toBe('Choose another port');
  });

  it('subscribes to known events only, and the unsubscribe removes the listener', () => {
    const seen: unknown[] = [];
    const off = api.on('serverStatus', (s) => seen.push(s));
    listeners.get(`${EVENT_PREFIX}serverStatus`)?.({}, { enabled: true });
    expect(seen).toEqual([{ enabled: true }]);
    off();
    expect(listeners.has(`${EVENT_PREFIX}serverStatus`)).toBe(false);
    expect(() => api.on('nope' as 'serverStatus', () => undefined)).toThrow(/Unknown event/);
  });
});
