// User actions that leave the app: opening Grafana/Prometheus and copying to the clipboard.
import { toErrorInfo, type ConsoleErrorInfo } from '../../../shared/api';
import { getApi, isElectronHost } from './console-api';

export type Outcome = { ok: true } | { ok: false; error: ConsoleErrorInfo };

/** In Electron main opens the URL; in a browser the host only returns it and this tab opens it. */
export async function openExternal(target: 'grafana' | 'prometheus'): Promise<Outcome> {
  try {
    const { url } = await getApi().openExternal({ target });
    if (!isElectronHost()) window.open(url, '_blank', 'noopener');
    return { ok: true };
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) };
  }
}

export async function copyText(text: string | (() => Promise<string>)): Promise<Outcome> {
  try {
    if (!navigator.clipboard) {
      return {
        ok: false,
        error: {
          code: 'clipboard-unavailable',
          message: 'The clipboard is not available here.',
          fix: 'Open the console on http://127.0.0.1 or in the app.',
        },
      };
    }
    const value = typeof text === 'string' ? text : await text();
    await navigator.clipboard.writeText(value);
    return { ok: true };
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) };
  }
}
