// A stand-in Electron distribution for the packaging check: NOT Electron, only the parts of an
// unpacked Electron zip that electron-builder touches for `--dir --linux` (app-builder-lib
// ElectronFramework.js: it copies the folder, renames `electron` to the executable name, writes
// resources/app.asar, moves LICENSE; @electron/fuses then rewrites the fuse wire in the binary).
// Made at test time in a temp folder; no Electron binary is ever committed or downloaded.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** @electron/fuses finds the wire by this sentinel (node_modules/@electron/fuses/dist/constants.js). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Wire layout after the sentinel: version byte (1 = V1), length byte, one byte per fuse. */
export const FUSE_WIRE_VERSION = 1;
/** FuseV1Options order (@electron/fuses dist/config.js) with the states Electron ships. */
export const FUSES_V1 = [
  ['runAsNode', true],
  ['enableCookieEncryption', false],
  ['enableNodeOptionsEnvironmentVariable', true],
  ['enableNodeCliInspectArguments', true],
  ['enableEmbeddedAsarIntegrityValidation', false],
  ['onlyLoadAppFromAsar', false],
  ['loadBrowserProcessSpecificV8Snapshot', false],
  ['grantFileProtocolExtraPrivileges', true],
] as const;
const ENABLE = 0x31; // '1'
const DISABLE = 0x30; // '0'

/** The marker the stand-in prints, so a test knows it ran the stand-in and in which mode. */
export const STANDIN_MARK = 'electron-dist-standin';

/**
 * Writes the stand-in into `dir`: a shell script named `electron` that carries the fuse wire in a
 * comment line (so @electron/fuses can flip it and a test can read it back), and, run as the app's
 * binary, prints how it was invoked: `run-as-node` with ELECTRON_RUN_AS_NODE=1, else `app`.
 */
export async function writeElectronDistStandIn(dir: string): Promise<string> {
  await mkdir(join(dir, 'resources'), { recursive: true });
  await mkdir(join(dir, 'locales'), { recursive: true });
  const wire = Buffer.from([
    FUSE_WIRE_VERSION,
    FUSES_V1.length,
    ...FUSES_V1.map(([, on]) => (on ? ENABLE : DISABLE)),
  ]);
  const script = Buffer.concat([
    Buffer.from(
      [
        '#!/bin/sh',
        `# ${STANDIN_MARK}: a stand-in for Electron's binary in the packaging check, not Electron.`,
        `mode=app; [ "$ELECTRON_RUN_AS_NODE" = 1 ] && mode=run-as-node`,
        `printf '${STANDIN_MARK} %s' "$mode"; for a in "$@"; do printf ' [%s]' "$a"; done; echo`,
        `# fuse wire: ${FUSE_SENTINEL}`,
      ].join('\n'),
    ),
    wire,
    Buffer.from('\n'),
  ]);
  const binary = join(dir, 'electron');
  await writeFile(binary, script);
  await chmod(binary, 0o755);
  await writeFile(join(dir, 'LICENSE'), `${STANDIN_MARK}: no Electron license, no Electron.\n`);
  await writeFile(join(dir, 'version'), 'stand-in\n');
  return binary;
}

/** Reads the fuse wire back from a (packaged) binary: fuse name → on/off. */
export function readFuseWire(binary: Buffer): Record<string, boolean> {
  const at = binary.indexOf(FUSE_SENTINEL);
  if (at < 0) throw new Error('no fuse sentinel in the binary');
  const wire = at + FUSE_SENTINEL.length;
  if (binary[wire] !== FUSE_WIRE_VERSION) throw new Error(`fuse wire version ${binary[wire]}`);
  const length = binary[wire + 1] ?? 0;
  return Object.fromEntries(
    FUSES_V1.slice(0, length).map(([name], i) => [name, binary[wire + 2 + i] === ENABLE]),
  );
}
