// The checks of a settings change that need the file system or the resolver, so they cannot live
// in shared/: a binary path must name an executable file, and server.host must be this machine
// (the generated Prometheus config sends the server's bearer token to it). Run on the fields a
// change sets — a binary that has since disappeared is preflight's news, not a reason to refuse
// an unrelated change. The settings file gets the same host check when it is read
// (checkSettingsOnDisk): the pane, the CLI and the file all get the same sentence.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { ConsoleError } from '../../shared/errors';
import {
  SETTINGS_DEFAULTS,
  isLoopbackHost,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';

const BINARIES = {
  prometheusBinary: 'prometheus',
  grafanaBinary: 'grafana',
} as const;

/**
 * Throws 'invalid-settings' naming the setting when a binary path is not an executable file or
 * server.host is not an address of this machine.
 */
export async function checkSettingsFiles(patch: SettingsPatch): Promise<void> {
  const host = patch.server?.host;
  if (host !== undefined) {
    const problem = await hostProblem(host);
    if (problem) {
      throw new ConsoleError({ code: 'invalid-settings', message: problem, fix: HOST_FIX });
    }
  }
  for (const key of Object.keys(BINARIES) as (keyof typeof BINARIES)[]) {
    const path = patch.stack?.[key];
    if (!path) continue;
    const problem = await executableProblem(path);
    if (problem) {
      throw new ConsoleError({
        code: 'invalid-settings',
        message: `stack.${key}: ${problem}`,
        fix: `Give the absolute path of the ${BINARIES[key]} executable (\`command -v ${BINARIES[key]}\` shows it), or leave it empty to find it on PATH.`,
      });
    }
  }
}

async function executableProblem(path: string): Promise<string | null> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => err);
  if (info instanceof Error) {
    return info.code === 'ENOENT' || info.code === 'ENOTDIR'
      ? `${path} does not exist`
      : `${path} cannot be read (${info.code ?? info.message})`;
  }
  if (!info.isFile()) return `${path} is not a file`;
  // Windows has no execute bit; there a file that exists is as far as the check can go.
  if (process.platform === 'win32') return null;
  const runnable = await access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
  return runnable ? null : `${path} is not executable (chmod +x ${path})`;
}

const HOST_FIX =
  'Use 127.0.0.1 (this machine only), 0.0.0.0 (every address of this machine), or one of its own addresses (ip -brief address shows them).';
// A resolver that does not answer must not hold the settings pane (or a start) forever.
const LOOKUP_LIMIT_MS = 5000;
const WILDCARDS = new Set(['0.0.0.0', '::']);

/** The settings read from the file, with a server.host that is not this machine's put back to
 * the default for this run: the patch to overlay and the warning to show; null when all is well. */
export async function checkSettingsOnDisk(
  settings: Settings,
): Promise<{ patch: SettingsPatch; warning: string } | null> {
  const problem = await hostProblem(settings.server.host);
  if (!problem) return null;
  const fallback = SETTINGS_DEFAULTS.server.host;
  return {
    patch: { server: { host: fallback } },
    warning: `settings.json: ${problem}; the server uses ${fallback} until it is changed. ${HOST_FIX}`,
  };
}

/**
 * Why `host` is not an address of this machine, as "server.host: …", or null when it is: a
 * loopback address or localhost, a wildcard, an interface's address, or a name that resolves only
 * to those (every address it resolves to, as Prometheus may pick any).
 */
export async function hostProblem(host: string): Promise<string | null> {
  const h = host.trim().replace(/^\[(.*)\]$/, '$1');
  if (WILDCARDS.has(h) || isLoopbackHost(h)) return null;
  const local = localAddresses();
  const family = isIP(h);
  if (family) {
    return isLocal(local, h, family)
      ? null
      : `server.host: ${host} is not an address of this machine, so the server's bearer token would be sent there`;
  }
  let timer: NodeJS.Timeout | undefined;
  const resolved = await Promise.race([
    lookup(h, { all: true, verbatim: true }),
    new Promise<'slow'>((r) => (timer = setTimeout(() => r('slow'), LOOKUP_LIMIT_MS))),
  ])
    .catch((err: NodeJS.ErrnoException) => err)
    .finally(() => clearTimeout(timer));
  if (resolved === 'slow') {
    return `server.host: ${host} did not resolve within ${LOOKUP_LIMIT_MS / 1000} s, so it cannot be checked to be this machine`;
  }
  if (resolved instanceof Error || resolved.length === 0) {
    const why =
      resolved instanceof Error
        ? resolved.code === 'ENOTFOUND'
          ? 'no such name'
          : resolved.code === 'EAI_AGAIN'
            ? 'the resolver did not answer'
            : (resolved.code ?? resolved.message)
        : 'no address';
    return `server.host: ${host} does not resolve to an address of this machine (${why})`;
  }
  const foreign = resolved.filter((a) => !isLocal(local, a.address, a.family));
  if (!foreign.length) return null;
  return `server.host: ${host} resolves to ${foreign.map((a) => a.address).join(', ')}, not an address of this machine, so the server's bearer token would be sent there`;
}

/** Loopback ranges and every interface's address, compared as addresses (::1 = 0:0:…:1). */
function localAddresses(): BlockList {
  const list = new BlockList();
  list.addSubnet('127.0.0.0', 8, 'ipv4');
  list.addAddress('::1', 'ipv6');
  for (const infos of Object.values(networkInterfaces())) {
    for (const info of infos ?? []) {
      list.addAddress(info.address.replace(/%.*$/, ''), info.family === 'IPv6' ? 'ipv6' : 'ipv4');
    }
  }
  return list;
}

function isLocal(list: BlockList, address: string, family: number): boolean {
  return list.check(address.replace(/%.*$/, ''), family === 6 ? 'ipv6' : 'ipv4');
}
