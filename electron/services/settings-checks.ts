// The checks of a settings change that need the file system, so they cannot live in shared/: a
// binary path must name an executable file. Run on the fields a change sets — a binary that has
// since disappeared is preflight's news, not a reason to refuse an unrelated change.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { ConsoleError } from '../../shared/errors';
import type { SettingsPatch } from '../../shared/settings';

const BINARIES = {
  prometheusBinary: 'prometheus',
  grafanaBinary: 'grafana',
} as const;

/** Throws 'invalid-settings' naming the setting when a binary path is not an executable file. */
export async function checkSettingsFiles(patch: SettingsPatch): Promise<void> {
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
