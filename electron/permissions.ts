// Which web permissions the console's page may have: only what it uses, only for its own origin
// (Electron security checklist, item 5:
// https://www.electronjs.org/docs/latest/tutorial/security#5-handle-session-permission-requests-from-remote-content).
// "Copy admin password" writes the clipboard (`clipboard-sanitized-write`). Notifications come
// from the main process's Notification, which needs no web permission, so the page gets none.
import { APP_HOST, APP_SCHEME } from './app-protocol';

export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** For setPermissionRequestHandler and setPermissionCheckHandler alike. */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | undefined,
): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl ?? '');
}

/** The page's own URL (a sub-frame, about:blank or a foreign page is not the console). */
export function isAppUrl(url: string): boolean {
  // Node's URL gives a non-special scheme the origin "null", so compare scheme and host.
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}
