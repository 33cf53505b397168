// What follows the page name in the hash: `#/traces/<traceId>` and `#/logs?trace=<id>` are the
// deep links the exemplar dots, the trace view and the CLI's output use.
import { useSyncExternalStore } from 'react';

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

const hash = () => window.location.hash;

/** `#/traces/<id>` → the id (lowercased), or null on the list. */
export function traceIdOfHash(h: string): string | null {
  const m = /^#\/?traces\/([0-9a-fA-F]{32})(?:[?/]|$)/.exec(h);
  return m ? m[1]!.toLowerCase() : null;
}

/** A query parameter of the hash (`#/logs?trace=…`). */
export function hashParam(h: string, name: string): string | null {
  const q = h.indexOf('?');
  return q < 0 ? null : new URLSearchParams(h.slice(q + 1)).get(name);
}

export function useHash(): string {
  return useSyncExternalStore(subscribe, hash);
}

export const traceHref = (traceId: string) => `#/traces/${traceId}`;
export const logsForTraceHref = (traceId: string) => `#/logs?trace=${traceId}`;
