// User actions that leave the app — opening Grafana/Prometheus, copying to the clipboard — with
// their outcome told as a toast ("Copied", or the error and its fix).
import { MANAGED_PROMETHEUS_USER, toErrorInfo, type ConsoleErrorInfo } from '../../../shared/api';
import { useSourceStore } from '../stores/source';
import { toast } from '../stores/toasts';
import { getApi, isElectronHost } from './console-api';

function fail(error: ConsoleErrorInfo): void {
  toast('error', error.message, error.fix);
}

/** In Electron main opens the URL; in a browser the host only returns it and this tab opens it. */
export async function openExternal(target: 'grafana' | 'prometheus'): Promise<void> {
  try {
    const { url } = await getApi().openExternal({ target });
    if (!isElectronHost()) window.open(url, '_blank', 'noopener');
    // Every button that opens the managed Prometheus says how to get past its sign-in (the
    // password is never shown, only copied on request); an existing source has its own.
    if (target === 'prometheus' && useSourceStore.getState().status?.kind !== 'existing') {
      toast(
        'ok',
        `Prometheus asks for a password: user ${MANAGED_PROMETHEUS_USER}`,
        'The password: Overview → Copy Prometheus password.',
      );
    }
  } catch (err) {
    fail(toErrorInfo(err));
  }
}

/** Copies text (or what `text()` fetches, which then never touches the DOM); `what` names it. */
export async function copyToClipboard(
  text: string | (() => Promise<string>),
  what: string,
): Promise<void> {
  if (!navigator.clipboard) {
    return fail({
      code: 'clipboard-unavailable',
      message: 'The clipboard is not available here.',
      fix: 'Open the console on http://127.0.0.1 or in the app.',
    });
  }
  try {
    await navigator.clipboard.writeText(typeof text === 'string' ? text : await text());
    toast('ok', 'Copied', what);
  } catch (err) {
    fail(toErrorInfo(err));
  }
}
