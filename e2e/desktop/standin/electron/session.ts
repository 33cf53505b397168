// Part of the Electron stand-in (../README.md): `session.defaultSession`'s permission handlers,
// following https://www.electronjs.org/docs/latest/api/session#sessetpermissionrequesthandlerhandler
// — without a handler Electron grants every request, which is why main must set one.
import { onHarness, strict, tell } from './link';

type RequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean },
) => void;
type CheckHandler = (
  contents: unknown,
  permission: string,
  requestingOrigin: string,
  details: { requestingUrl: string; isMainFrame: boolean },
) => boolean;

let requestHandler: RequestHandler | null = null;
let checkHandler: CheckHandler | null = null;

export const defaultSession = strict('session', {
  setPermissionRequestHandler(handler: RequestHandler | null): void {
    requestHandler = handler;
  },
  setPermissionCheckHandler(handler: CheckHandler | null): void {
    checkHandler = handler;
  },
});

export const session = strict('session module', { defaultSession });

let toAppUrl = (url: string): string => url;
let contentsOf = (_windowId: number): unknown => null;
export function wireSession(opts: {
  toAppUrl: (u: string) => string;
  contentsOf: (id: number) => unknown;
}): void {
  toAppUrl = opts.toAppUrl;
  contentsOf = opts.contentsOf;
}

onHarness('permission', (msg) => {
  const url = toAppUrl(msg.url);
  const details = { requestingUrl: url, isMainFrame: true };
  const contents = contentsOf(msg.windowId);
  if (msg.kind === 'check') {
    let origin = url;
    try {
      const u = new URL(url);
      origin = `${u.protocol}//${u.host}`;
    } catch {
      // keep the raw string
    }
    const granted = checkHandler ? checkHandler(contents, msg.permission, origin, details) : true;
    tell({ t: 'permission-decision', id: msg.id, granted });
    return;
  }
  if (!requestHandler) return tell({ t: 'permission-decision', id: msg.id, granted: true });
  let answered = false;
  requestHandler(
    contents,
    msg.permission,
    (granted) => {
      if (answered) return;
      answered = true;
      tell({ t: 'permission-decision', id: msg.id, granted });
    },
    details,
  );
});
