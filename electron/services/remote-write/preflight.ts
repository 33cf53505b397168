// Preflight's `remote-write` check: each receiver's health and last error, with what to do.
import type { PreflightCheck, RemoteWriteStatus } from '../../../shared/api';

type Check = Omit<PreflightCheck, 'id' | 'title'>;

export const REMOTE_WRITE_CHECK = { id: 'remote-write', title: 'Remote-write receivers' } as const;

export async function remoteWriteCheck(
  status: (() => Promise<RemoteWriteStatus[]>) | undefined,
): Promise<Check> {
  if (!status) return { status: 'skipped', observed: 'not asked in this process', fix: '' };
  let receivers: RemoteWriteStatus[];
  try {
    receivers = await status();
  } catch (err) {
    return {
      status: 'warn',
      observed: `The receivers' health could not be read: ${(err as Error).message}`,
      fix: 'Start the stack, then run the check again.',
    };
  }
  if (!receivers.length) {
    return {
      status: 'skipped',
      observed: 'No receiver configured: data stays in the managed Prometheus only',
      fix: '',
    };
  }
  const line = (r: RemoteWriteStatus): string =>
    `${r.url}: ${r.health}${r.detail ? ` — ${r.detail}` : ''}`;
  const failing = receivers.filter((r) => r.health === 'failing');
  if (failing.length) {
    return {
      status: 'fail',
      observed: failing.map(line).join('; '),
      fix: 'Fix the receiver or its credentials: `peak-watch remote-write add URL --user NAME --password-stdin` replaces them; `peak-watch remote-write remove URL` stops sending there.',
    };
  }
  const other = receivers.filter((r) => r.health !== 'ok');
  if (other.length) {
    const down = other.every((r) => r.health === 'stack-down');
    return {
      status: down ? 'skipped' : 'warn',
      observed: other.map(line).join('; '),
      fix: down
        ? 'Start the stack; Prometheus sends only while it runs.'
        : 'Wait a minute and run the check again; if it stays, look at the receiver.',
    };
  }
  return {
    status: 'ok',
    observed: receivers.map((r) => `${r.url}: ${r.samplesSentTotal ?? 0} samples sent`).join('; '),
    fix: '',
  };
}
