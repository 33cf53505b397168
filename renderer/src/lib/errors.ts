// Which failures are the host's own (the process is gone, or no longer accepts this tab): the
// connection banner explains those once, so cards need not blame Prometheus for them.
import type { ConsoleErrorInfo } from '../../../shared/api';

const HOST_ERRORS = new Set(['host-unreachable', 'session-expired']);

export function isHostError(error: ConsoleErrorInfo | null | undefined): boolean {
  return !!error && HOST_ERRORS.has(error.code);
}

/** A panel-level error every panel already shows on its own. */
export function isSharedQueryError(error: ConsoleErrorInfo | null | undefined): boolean {
  return isHostError(error) || error?.code === 'prometheus-unreachable';
}
