// The Electron preload's `window.api` as a ConsoleApi: each method's Envelope unwrapped, so an
// error arrives as a ConsoleError with its code and fix, as over HTTP.
import { CONSOLE_METHODS, unwrap, type BridgeApi, type ConsoleApi } from '../../../shared/api';

export function wrapBridgeApi(bridge: BridgeApi): ConsoleApi {
  const methods = Object.fromEntries(
    CONSOLE_METHODS.map((method) => {
      const call = bridge[method] as (req?: unknown) => Promise<Parameters<typeof unwrap>[0]>;
      return [method, async (req?: unknown) => unwrap(await call(req))];
    }),
  );
  return { ...methods, on: (event, listener) => bridge.on(event, listener) } as ConsoleApi;
}
