import type { ConsoleApi } from '../shared/api';

declare global {
  interface Window {
    /** Present in Electron (the preload bridge); absent in a browser, where HTTP serves the API. */
    api?: ConsoleApi;
  }
}

export {};
