// Finding the one Prometheus this test started, so a fault test can kill exactly that process and
// nothing else on the machine (other consoles, other test runs, a system Prometheus on :9090).
import { readdirSync, readFileSync } from 'node:fs';

/**
 * The pid of the native Prometheus serving 127.0.0.1:<port> with its storage in <dataDir>.
 * Both must match: the port is this test's free port, the data folder its own temp folder.
 */
export function findOwnPrometheus(port: number, dataDir: string): number | null {
  const listen = `--web.listen-address=127.0.0.1:${port}`;
  const storage = `--storage.tsdb.path=${dataDir}/`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile, or not ours to read
    }
    if (!/prometheus$/.test(args[0] ?? '')) continue;
    if (args.includes(listen) && args.some((a) => a.startsWith(storage))) return Number(entry);
  }
  return null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
