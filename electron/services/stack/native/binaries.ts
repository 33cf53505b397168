// Finding the programs the native runtime runs: a configured path, else PATH; and what version
// they are. Parsing of `--version` output is pure and tested on recorded output.
import { accessSync, constants, existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';

/** The first executable among `names` on PATH (with PATHEXT on Windows), or null. */
export function findOnPath(
  names: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const exts =
    process.platform === 'win32'
      ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean)
      : [''];
  for (const name of names) {
    for (const dir of dirs) {
      for (const ext of exts) {
        const candidate = join(dir, name + ext);
        if (isExecutable(candidate)) return candidate;
      }
    }
  }
  return null;
}

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export type BinaryLookup =
  | { found: true; path: string }
  /** `why` in the user's words: "no prometheus on PATH", "/opt/x/prometheus does not exist". */
  | { found: false; why: string };

/** A configured path wins (and must exist); empty means "look on PATH". */
export function locateBinary(
  configured: string,
  names: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): BinaryLookup {
  if (configured.trim() !== '') {
    const path = isAbsolute(configured) ? configured : resolve(configured);
    return isExecutable(path)
      ? { found: true, path }
      : { found: false, why: `the configured binary ${path} does not exist or is not executable` };
  }
  const path = findOnPath(names, env);
  return path ? { found: true, path } : { found: false, why: `no ${names.join(' or ')} on PATH` };
}

/**
 * "prometheus, version 2.42.0+ds (branch: debian/sid, …)" → "2.42.0";
 * "grafana version 11.2.0" / "Version 9.5.2 (commit: …)" → "11.2.0" / "9.5.2".
 * Build metadata after "+" (Debian's "+ds") is dropped; null when no version is found.
 */
export function parseVersion(output: string): string | null {
  const m = /version\s+v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)/i.exec(output);
  return m?.[1] ?? null;
}

/** Grafana's home folder (holds conf/defaults.ini and public/), needed by --homepath. */
export function findGrafanaHome(
  binary: string,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  let real = binary;
  try {
    real = realpathSync(binary);
  } catch {
    // Keep the path as given.
  }
  const candidates = [
    env.GF_PATHS_HOME,
    // A release tarball: <home>/bin/grafana.
    dirname(dirname(real)),
    '/usr/share/grafana',
    '/usr/local/share/grafana',
    '/opt/homebrew/share/grafana',
    '/usr/local/opt/grafana/share/grafana',
  ];
  for (const home of candidates) {
    if (home && existsSync(join(home, 'conf', 'defaults.ini'))) return home;
  }
  return null;
}
