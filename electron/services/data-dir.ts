// Where settings, secrets and the stack live when no --data-dir is given: the platform's user
// data folder (XDG on Linux). The app, the web host and the CLI share it.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (env.PEAK_WATCH_DATA_DIR) return env.PEAK_WATCH_DATA_DIR;
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Peak Watch');
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Peak Watch');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'peak-watch');
}
