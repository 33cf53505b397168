// Hash routes (#/targets): the document is always index.html, which the desktop's app:// handler
// (electron/app-protocol.ts) and the web host serve as a plain file, so a reload keeps the page
// and neither host needs to know the routes.
import { useSyncExternalStore } from 'react';

export const PAGES = [
  'overview',
  'targets',
  'dashboard',
  'explore',
  'alerts',
  'traces',
  'logs',
  'preflight',
  'settings',
] as const;
export type Page = (typeof PAGES)[number];

function current(): Page {
  // `#/alerts?rule=X` (a notification's click) and `#/traces/<id>` (a deep link) still name the page.
  const name = window.location.hash.replace(/^#\/?/, '').replace(/[?/].*$/, '');
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : 'overview';
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useRoute(): Page {
  return useSyncExternalStore(subscribe, current);
}

export function navigate(page: Page): void {
  window.location.hash = `/${page}`;
}
