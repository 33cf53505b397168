// The one ConsoleApi the renderer talks to: the preload bridge in Electron, the HTTP client in a
// browser. Nothing else in the renderer knows which host it runs under.
import type { ConsoleApi } from '../../../shared/api';
import { wrapBridgeApi } from './bridge-client';
import { createHttpConsoleApi, isWebHostClient, type HttpClientOptions } from './http-client';

export function createConsoleApi(options: HttpClientOptions = {}): ConsoleApi {
  return window.api ? wrapBridgeApi(window.api) : createHttpConsoleApi(options);
}

/** Whether the app runs inside Electron (where main opens external URLs itself). */
export function isElectronHost(): boolean {
  return typeof window !== 'undefined' && window.api !== undefined;
}

let current: ConsoleApi | null = null;

/** Set once at start-up (main.tsx); stores call getApi(). */
export function setApi(api: ConsoleApi): void {
  current = api;
}

/**
 * Whether the console runs in a browser tab on the web host, as its ConsoleApi client says: there
 * some settings are read-only (DESKTOP_ONLY_SETTINGS in shared/settings.ts).
 */
export function runsOnWebHost(): boolean {
  return current !== null && isWebHostClient(current);
}

export function getApi(): ConsoleApi {
  if (!current) throw new Error('ConsoleApi used before start-up set it');
  return current;
}
