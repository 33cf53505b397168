// Is a TCP port free, and if not, who holds it? The OS tells on Linux (ss) and macOS (lsof);
// elsewhere the answer is just "taken".
import { createServer } from 'node:net';
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
