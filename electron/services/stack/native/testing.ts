// Test support for the native runtime: a temp data folder with written stack files, a PATH that
// holds only the binaries a test chooses, and stand-in executables where a test needs a program
// to misbehave on purpose (a real Prometheus will not hang on demand; Grafana is not installed).
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applySettingsPatch,
  defaultSettings,
  type SettingsPatch,
} from '../../../../shared/settings';
import { freePort, rejection } from '../../prometheus/testing';

export { rejection };
import { writeStackFiles } from '../files';
import { prometheusAuth, type RuntimeContext } from '../runtime';

export interface NativeStack {
  root: string;
  binDir: string;
  /** process.env with PATH = binDir only. */
  env: NodeJS.ProcessEnv;
  ctx: RuntimeContext;
  cleanup: () => Promise<void>;
}

export const GRAFANA_TEST_PASSWORD = 'Test-Grafana-Pw-0123';

export async function makeNativeStack(
  patch: SettingsPatch = {},
  bins: Record<string, string> = {},
): Promise<NativeStack> {
  const root = await mkdtemp(join(tmpdir(), 'peak-watch-native-'));
  const binDir = join(root, 'bin');
  await mkdir(binDir);
  for (const [name, target] of Object.entries(bins)) await symlink(target, join(binDir, name));
  const settings = applySettingsPatch(defaultSettings(), {
    ...patch,
    stack: {
      runtime: 'native',
      prometheusPort: await freePort(),
      grafanaPort: await freePort(),
      ...patch.stack,
    },
  });
  const ctx: RuntimeContext = {
    filesDir: join(root, 'stack'),
    dataDir: join(root, 'data'),
    settings,
  };
  await writeStackFiles(ctx.filesDir, {
    settings,
    platform: process.platform,
    grafanaPassword: GRAFANA_TEST_PASSWORD,
    prometheusPassword: (await prometheusAuth(ctx.dataDir)).password,
    serverToken: null,
  });
  return {
    root,
    binDir,
    env: { ...process.env, PATH: binDir },
    ctx,
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** Writes an executable node script (absolute shebang: the child's PATH has no node). */
export async function writeStandIn(path: string, source: string): Promise<string> {
  await writeFile(path, `#!${process.execPath}\n${source}\n`);
  await chmod(path, 0o755);
  return path;
}

/**
 * A Grafana stand-in installed as Grafana is: `<root>/grafana-home/bin/grafana` beside the
 * `conf/defaults.ini` that marks its home path; `source` is the node script it runs.
 */
export async function writeGrafanaStandIn(
  root: string,
  source: string,
): Promise<{ home: string; binary: string }> {
  const home = join(root, 'grafana-home');
  await mkdir(join(home, 'bin'), { recursive: true });
  await mkdir(join(home, 'conf'));
  await writeFile(join(home, 'conf', 'defaults.ini'), '');
  return { home, binary: await writeStandIn(join(home, 'bin', 'grafana'), source) };
}
