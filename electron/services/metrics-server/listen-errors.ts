// Turns what listen() can fail with into a ConsoleError the settings pane can show as is:
// the user sees which port or address, and what to change — never an errno or a stack.
import { ConsoleError } from '../../../shared/api';

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
 * EADDRINUSE when the holder answers like the Peak_Trade web app: say what it is and offer what
 * the Overview's button does (watchPortHolder), keeping the manual way as the alternative.
 */
export function describePortHeldByApp(port: number, suggestedPort: number | null): ConsoleError {
  const move =
    suggestedPort === null
      ? "move Peak Watch's server to a free port"
      : `move Peak Watch's server to port ${suggestedPort}`;
  return new ConsoleError({
    code: 'port-in-use',
    message: `Port ${port} is taken by what looks like the Peak_Trade web app (its /metrics carries peak_trade_ metrics)`,
    fix: `Watch it as an instance and ${move} with the button on the Overview, or choose another port in Settings → Server port`,
  });
}

/** ServerStatus.error carries message and fix in one line. */
export function statusErrorText(err: ConsoleError): string {
  return err.fix ? `${err.message} — ${err.fix}` : err.message;
}
