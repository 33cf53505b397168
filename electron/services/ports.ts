// Is a TCP port free, and if not, who holds it? The OS tells on Linux (ss) and macOS (lsof);
// elsewhere the answer is just "taken".
import { createServer } from 'node:net';
import { ConsoleError } from '../../shared/api';
import { runCommand } from './exec';

export interface PortHolder {
  process: string;
  pid: number | null;
}

/** True when nothing listens on host:port (tries to bind it for a moment). */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** How many ports above the taken one are tried before asking the OS for any free port. */
const NEARBY_PORTS = 20;

/**
 * A port the embedded server can move to: the first free one just above `port` (8001 beside a
 * taken 8000 is what a person would pick), skipping `avoid` (the stack's own ports, which are free
 * while the stack is down); else whatever free port the OS hands out.
 */
export async function freePortNear(
  host: string,
  port: number,
  avoid: readonly number[] = [],
): Promise<number> {
  for (let candidate = port + 1; candidate <= Math.min(port + NEARBY_PORTS, 65535); candidate++) {
    if (avoid.includes(candidate)) continue;
    if (await isPortFree(host, candidate)) return candidate;
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const any = await osFreePort(host);
    if (any !== null && !avoid.includes(any)) return any;
  }
  throw new ConsoleError({
    code: 'no-free-port',
    message: `No free port found on ${host} for Peak Watch's server`,
    fix: 'Stop a program you do not need, or choose a port in Settings → Server port',
  });
}

function osFreePort(host: string): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      const found = typeof address === 'object' && address ? address.port : null;
      server.close(() => resolve(found));
    });
  });
}

/** Parses `ss -ltnpH` lines: users:(("prometheus",pid=4242,fd=7)). */
export function parseSsHolder(output: string, port: number): PortHolder | null {
  for (const line of output.split('\n')) {
    const cols = line.trim().split(/\s+/);
    const local = cols[3] ?? '';
    if (!local.endsWith(`:${port}`)) continue;
    const m = /users:\(\("([^"]+)",pid=(\d+)/.exec(line);
    if (m) return { process: m[1] ?? '?', pid: Number(m[2]) };
    return { process: 'unknown process', pid: null };
  }
  return null;
}

/** Parses `lsof -nP -iTCP:<port> -sTCP:LISTEN -Fpc` output: p<pid> then c<command>. */
export function parseLsofHolder(output: string): PortHolder | null {
  const pid = /^p(\d+)$/m.exec(output);
  const cmd = /^c(.+)$/m.exec(output);
  if (!pid) return null;
  return { process: cmd?.[1] ?? 'unknown process', pid: Number(pid[1]) };
}

export async function findPortHolder(port: number): Promise<PortHolder | null> {
  try {
    if (process.platform === 'linux') {
      const { stdout } = await runCommand('ss', ['-ltnpH', `sport = :${port}`], {
        timeoutMs: 5000,
      });
      return parseSsHolder(stdout, port);
    }
    if (process.platform === 'darwin') {
      const { stdout } = await runCommand(
        'lsof',
        ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc'],
        { timeoutMs: 5000 },
      );
      return parseLsofHolder(stdout);
    }
  } catch {
    // The tool is missing or refused (lsof exits 1 when nothing matches): the caller says "taken".
  }
  return null;
}

export function describeHolder(holder: PortHolder | null): string {
  if (!holder) return 'another program';
  return holder.pid ? `${holder.process} (pid ${holder.pid})` : holder.process;
}
