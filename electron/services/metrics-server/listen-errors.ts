// Turns what listen() can fail with into a ConsoleError the settings pane can show as is:
// the user sees which port or address, and what to change — never an errno or a stack.
import { ConsoleError, type PortHolderInfo } from '../../../shared/api';

interface ErrnoLike {
  code?: unknown;
  message?: unknown;
}

export function describeListenError(err: unknown, host: string, port: number): ConsoleError {
  const code = (err as ErrnoLike | null)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return new ConsoleError({
        code: 'port-in-use',
        message: `Port ${port} on ${host} is already in use`,
        fix: 'Stop the program holding it or choose another port in Settings → Server port',
      });
    case 'EACCES':
      return new ConsoleError({
        code: 'port-forbidden',
        message: `Port ${port} on ${host} needs elevated privileges`,
        fix: 'Choose a port above 1023 in Settings → Server port',
      });
    case 'EADDRNOTAVAIL':
      return new ConsoleError({
        code: 'address-unavailable',
        message: `Address ${host} does not belong to this machine`,
        fix: 'Use 127.0.0.1 or an address of this machine in Settings → Server host',
      });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return new ConsoleError({
        code: 'address-unavailable',
        message: `Host name ${host} could not be resolved`,
        fix: 'Use 127.0.0.1 or an address of this machine in Settings → Server host',
      });
    default: {
      const raw = (err as ErrnoLike | null)?.message;
      const reason = typeof raw === 'string' ? raw.split('\n')[0] : String(err);
      return new ConsoleError({
        code: 'listen-failed',
        message: `Could not listen on ${host}:${port}: ${reason}`,
        fix: 'Check Settings → Server host and port',
      });
    }
  }
}

/**
 * EADDRINUSE when the holder answers like the Peak_Trade web app. Two readers: the server's
 * status (the Overview, `headless`), shown only while the server is not listening, where the
 * Overview's button (watchPortHolder) does both steps; and whoever asked for the move (Settings →
 * Server port, `settings set`), while the server keeps listening elsewhere and no button is shown,
 * so that fix names the two settings instead.
 */
export function describePortHeldByApp(
  port: number,
  holder: PortHolderInfo,
  reader: 'status' | 'settings',
): ConsoleError {
  const free = holder.suggestedPort;
  const message = `Port ${port} is taken by what looks like the Peak_Trade web app (its /metrics carries peak_trade_ metrics)`;
  const move = free === null ? 'to a free port' : `to port ${free}`;
  const fix =
    reader === 'status'
      ? `Watch it as an instance and move Peak Watch's server ${move} with the button on the Overview, or choose another port in Settings → Server port`
      : `Choose another port${free === null ? '' : ` (${free} is free)`} in Settings → Server port; to watch the app too, add it as an instance: peak-watch instances add ${holder.target}`;
  return new ConsoleError({ code: 'port-in-use', message, fix });
}

/** ServerStatus.error carries message and fix in one line. */
export function statusErrorText(err: ConsoleError): string {
  return err.fix ? `${err.message} — ${err.fix}` : err.message;
}
