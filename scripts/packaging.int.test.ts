// The packaging check: electron-builder builds the unpacked Linux app (what the deb installs in
// /opt/Peak Watch) against a stand-in Electron distribution, and these tests read what a user
// would get: the fuses in the binary, app.asar's files, the CLI launcher. Runs offline.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, symlink } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join, posix, relative, sep } from 'node:path';
import * as asar from '@electron/asar';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOutput } from '../electron/build-output';
import { FUSES_V1, STANDIN_MARK, readFuseWire } from './packaging/electron-dist-standin';
import { buildUnpackedLinuxApp, type UnpackedApp } from './packaging/build-unpacked';
import { importGraph, resolveFrom, type RuntimeImport } from './packaging/runtime-imports';

const root = buildOutput.root;
interface BuilderConfig {
  productName: string;
  electronFuses: Record<string, boolean>;
  linux: { icon: string; desktop: { entry: Record<string, string> } };
  deb: { afterInstall: string; afterRemove: string };
}
const config = parse(await readFile(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let work: string;
let app: UnpackedApp;
let archive: string;
let listing: string[]; // app.asar's paths, '/out/main/main.js' …
let extracted: string; // app.asar extracted, to run and resolve from the packed files alone

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pw-packaging-'));
  app = await buildUnpackedLinuxApp(root, work);
  if (app.status !== 0) throw new Error(`electron-builder failed (${app.status}):\n${app.log}`);
  archive = join(app.appOutDir, 'resources', 'app.asar');
  listing = asar.listPackage(archive, { isPack: false });
  extracted = join(work, 'app');
  asar.extractAll(archive, extracted);
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true, maxRetries: 3 });
});

/** Every file under out/, as app.asar paths. */
async function builtFiles(): Promise<string[]> {
  const files = await readdir(join(root, 'out'), { recursive: true, withFileTypes: true });
  return files
    .filter((f) => f.isFile())
    .map((f) => '/' + relative(root, join(f.parentPath, f.name)).split(sep).join('/'));
}

describe('packaging the desktop app (electron-builder --dir --linux, stand-in Electron)', () => {
  it('builds from the stand-in distribution without downloading anything', () => {
    expect(app.log).toMatch(/using custom unpacked Electron distribution/);
    expect(app.log).not.toMatch(/download/i);
    expect(app.cached).toEqual([]);
  });

  it("flips the packaged binary's fuses as electron-builder.yml says (RunAsNode stays on for the CLI)", async () => {
    const wire = readFuseWire(await readFile(join(app.appOutDir, 'peak-watch')));
    const standInDefaults = Object.fromEntries(FUSES_V1);
    expect(wire).toEqual({ ...standInDefaults, ...config.electronFuses });
    // The security checklist's fuses, named so a changed config cannot pass silently.
    expect(wire).toMatchObject({
      runAsNode: true,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('puts the built main, preload, renderer and CLI in app.asar, byte for byte as built', async () => {
    const built = await builtFiles();
    for (const need of ['/out/main/main.js', '/out/main/cli.js', '/out/preload/preload.cjs']) {
      expect(built).toContain(need);
    }
    expect(built).toContain('/out/renderer/index.html');
    for (const file of built) {
      expect(listing, `${file} is not in app.asar`).toContain(file);
      const packed = asar.extractFile(archive, file.slice(1));
      expect(packed.equals(await readFile(join(root, file))), `${file} differs`).toBe(true);
    }
    const packedPkg = JSON.parse(asar.extractFile(archive, 'package.json').toString()) as {
      main: string;
    };
    expect(listing).toContain(posix.join('/', packedPkg.main));
  });

  it('resolves every runtime import of the built main and CLI from inside app.asar', () => {
    const check = (entry: string, allowed: (spec: string) => boolean): RuntimeImport[] => {
      const imports = importGraph(join(extracted, entry));
      const bare = imports.filter((i) => !i.specifier.startsWith('.') && !allowed(i.specifier));
      const resolved = resolveFrom(join(extracted, entry), bare);
      for (const imp of bare) {
        const where = resolved.get(imp.specifier) ?? 'unresolved';
        expect(where, `${imp.specifier} (imported by ${imp.file})`).toMatch(
          new RegExp(`^${escapeRegExp(join(extracted, 'node_modules'))}`),
        );
      }
      return imports;
    };
    const main = check('out/main/main.js', (s) => isBuiltin(s) || s === 'electron');
    // The CLI runs as plain Node (ELECTRON_RUN_AS_NODE): no `electron` module there.
    const cli = check('out/main/cli.js', (s) => isBuiltin(s));
    const specifiers = [...main, ...cli].map((i) => i.specifier);
    for (const dep of ['zod', 'undici', 'prom-client']) expect(specifiers).toContain(dep);
    expect(cli.map((i) => i.specifier)).not.toContain('electron');
  });

  it('runs the packed CLI under plain Node from the package files alone', () => {
    const dataDir = join(work, 'data');
    const cli = join(extracted, 'out', 'main', 'cli.js');
    const run = (args: string[]) =>
      spawnSync(process.execPath, [cli, ...args, '--data-dir', dataDir], {
        encoding: 'utf8',
        cwd: work,
        env: { PATH: process.env.PATH ?? '', HOME: work },
      });
    const set = run(['settings', 'set', 'stack.prometheusPort', '9092']);
    expect(set.status, set.stderr).toBe(0);
    const got = run(['settings', 'get', 'stack.prometheusPort']);
    expect(got.stdout.trim(), got.stderr).toBe('9092');
    expect(run(['--help']).stdout).toMatch(/usage: peak-watch/);
  });

  it('ships no devDependency and no source map', () => {
    const modules = listing.filter((p) => p.includes('/node_modules/'));
    // The devDependencies, and the build tools that must never become runtime dependencies again.
    const devOnly = [...Object.keys(pkg.devDependencies), 'tsx', 'esbuild', 'typescript', 'vite'];
    for (const dev of devOnly) {
      const inside = modules.filter((p) => p.includes(`/node_modules/${dev}/`));
      expect(inside, `devDependency ${dev} is packed`).toEqual([]);
    }
    for (const dep of Object.keys(pkg.dependencies)) {
      expect(listing).toContain(`/node_modules/${dep}/package.json`);
    }
    expect(listing.filter((p) => /\.map$|\/\.env$/.test(p))).toEqual([]);
  });

  it('packs the icon and every file main loads by a path relative to its own (preload, icon)', async () => {
    const mainJs = await readFile(join(extracted, 'out', 'main', 'main.js'), 'utf8');
    const relativePaths = [...mainJs.matchAll(/\bjoin\(\w+, "(\.\.?\/[^"]+)"\)/g)].map(
      (m) => m[1]!,
    );
    expect(relativePaths.some((p) => p.endsWith('/icon.png'))).toBe(true);
    expect(relativePaths.some((p) => p.endsWith('/preload.cjs'))).toBe(true);
    for (const rel of relativePaths) {
      const inAsar = posix.join('/out/main', rel);
      expect(listing, `main.js loads ${rel} → ${inAsar}, which is not packed`).toContain(inAsar);
    }
    const icon = asar.extractFile(archive, 'resources/icon.png');
    expect(icon.equals(await readFile(join(root, config.linux.icon)))).toBe(true);
  });

  it('configures the Linux desktop entry with a PNG icon of at least 256×256', async () => {
    // `--dir` writes no .desktop file (the deb and AppImage targets do, from this config).
    expect(config.linux.desktop.entry).toMatchObject({ Name: 'Peak Watch' });
    expect(config.linux.desktop.entry.Categories).toMatch(/Development;/);
    expect(config.linux.desktop.entry).not.toHaveProperty('Exec'); // electron-builder sets it
    const png = await readFile(join(root, config.linux.icon));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(256);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(256);
  });
});

describe('the installed `peak-watch` command (resources/bin launcher)', () => {
  const launcher = () => join(app.appOutDir, 'resources', 'bin', 'peak-watch');
  const runLauncher = (path: string, args: string[]) =>
    spawnSync(path, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });

  it("runs the packed CLI with the app's binary as Node, also through a /usr/bin-style link", async () => {
    expect((await stat(launcher())).mode & 0o111).not.toBe(0);
    const cliInAsar = join(app.appOutDir, 'resources', 'app.asar', 'out', 'main', 'cli.js');
    const expected = `${STANDIN_MARK} run-as-node [${cliInAsar}] [headless] [--ui-port] [0]`;
    expect(runLauncher(launcher(), ['headless', '--ui-port', '0']).stdout.trim()).toBe(expected);
    const link = join(work, 'usr-bin-peak-watch');
    await symlink(launcher(), link);
    expect(runLauncher(link, ['headless', '--ui-port', '0']).stdout.trim()).toBe(expected);
    expect(listing).toContain('/out/main/cli.js');
  });

  it('opens the app (not the CLI) when given no arguments', () => {
    expect(runLauncher(launcher(), []).stdout.trim()).toBe(`${STANDIN_MARK} app`);
  });

  it("ships the Windows launcher pointing at the app's .exe and the packed CLI", async () => {
    const cmd = await readFile(join(app.appOutDir, 'resources', 'bin', 'peak-watch.cmd'), 'utf8');
    expect(cmd).toContain(`%~dp0..\\..\\${config.productName}.exe`);
    expect(cmd).toContain('%~dp0..\\app.asar\\out\\main\\cli.js');
    expect(cmd).toMatch(/set ELECTRON_RUN_AS_NODE=1/);
    expect(
      cmd
        .split('\n')
        .slice(0, -1)
        .every((line) => line.endsWith('\r')),
    ).toBe(true);
  });

  it("links /usr/bin/peak-watch to the launcher in the deb's install scripts, which parse", async () => {
    for (const template of [config.deb.afterInstall, config.deb.afterRemove]) {
      // The same ${name} substitution app-builder-lib's FpmTarget applies.
      const vars: Record<string, string> = {
        executable: 'peak-watch',
        sanitizedProductName: config.productName,
      };
      const text = (await readFile(join(root, template), 'utf8')).replace(
        /\${([a-zA-Z]+)}/g,
        (_, name: string) => vars[name] ?? `<undefined ${name}>`,
      );
      expect(text).not.toContain('<undefined');
      expect(text).toContain(`'/opt/${config.productName}/resources/bin/peak-watch'`);
      const syntax = spawnSync('bash', ['-n'], { input: text, encoding: 'utf8' });
      expect(syntax.status, syntax.stderr).toBe(0);
    }
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
