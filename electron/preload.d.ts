// The one declaration of `window.api`, included by both the main (tsconfig.node.json) and the
// renderer (tsconfig.web.json) projects.
import type { BridgeApi } from '../shared/api';

declare global {
  interface Window {
    /**
     * Present in Electron (electron/preload.ts), answering with Envelopes; absent in a browser,
     * where the HTTP client serves the API (renderer/src/api/console-api.ts).
     */
    api?: BridgeApi;
  }
}

export {};
