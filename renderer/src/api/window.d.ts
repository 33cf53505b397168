// In Electron the preload exposes exactly `window.api`; in a browser it is absent and the
// renderer falls back to the HTTP client (see console-api.ts).
import type { ConsoleApi } from '../../../shared/api';

declare global {
  interface Window {
    api?: ConsoleApi;
  }
}

export {};
