// Runs electron-builder as `npm run dist` would, but `--dir --linux` (the unpacked app, no
// installer) against the stand-in Electron distribution, offline: an empty electron-builder cache
// and HTTP(S) proxies pointing at a closed loopback port, so anything it tried to download would
// fail the build instead of quietly coming from a cache or the network.
import { spawnSync } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { writeElectronDistStandIn } from './electron-dist-standin';

export interface UnpackedApp {
  /** dist/linux-unpacked: what the deb puts in /opt/Peak Watch and the AppImage mounts. */
  appOutDir: string;
  log: string;
  status: number | null;
  /** What electron-builder left in its (initially empty) download cache. */
  cached: string[];
}

const electronBuilderCli = createRequire(import.meta.url).resolve('electron-builder/cli.js');

export async function buildUnpackedLinuxApp(
  projectDir: string,
  work: string,
): Promise<UnpackedApp> {
  const electronDist = join(work, 'electron-dist-standin');
  await writeElectronDistStandIn(electronDist);
  const cache = join(work, 'electron-builder-cache');
  await mkdir(cache, { recursive: true });
  const output = join(work, 'dist');
  const closed = 'http://127.0.0.1:9'; // the discard port: nothing listens on it here
  const r = spawnSync(
    process.execPath,
    [
      electronBuilderCli,
      '--dir',
      '--linux',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`,
    ],
    {
      cwd: projectDir,
      encoding: 'utf8',
      timeout: 240_000,
      env: {
        // Without vitest's variables: under VITEST electron-builder logs nothing and hard-links
        // files (builder-util log.js, fs.js), and the log is what proves nothing was downloaded.
        ...Object.fromEntries(
          Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')),
        ),
        ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
        ELECTRON_BUILDER_CACHE: cache,
        HTTP_PROXY: closed,
        HTTPS_PROXY: closed,
        http_proxy: closed,
        https_proxy: closed,
        NO_PROXY: '',
        no_proxy: '',
        CI: 'true', // no interactive prompts, no update check
      },
    },
  );
  return {
    appOutDir: join(output, 'linux-unpacked'),
    log: `${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}`,
    status: r.status,
    cached: await readdir(cache, { recursive: true }),
  };
}
