// The Electron preload's `window.api`, with errors turned back into ConsoleErrors: contextBridge
// keeps only an Error's message, so the preload encodes code and fix into it.
import { CONSOLE_METHODS, decodeBridgeError, type ConsoleApi } from '../../../shared/api';

export function wrapBridgeApi(bridge: ConsoleApi): ConsoleApi {
  const methods = Object.fromEntries(
    CONSOLE_METHODS.map((method) => [
      method,
      async (req?: unknown) => {
        try {
          return await (bridge[method] as (req?: unknown) => Promise<unknown>)(req);
        } catch (err) {
          throw decodeBridgeError(err);
        }
      },
    ]),
  );
  return { ...methods, on: (event, listener) => bridge.on(event, listener) } as ConsoleApi;
}
