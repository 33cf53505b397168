// Part of the Electron stand-in (README.md here). Assembles the scripts for a sandboxed page's two
// JavaScript worlds from worlds/*.js: the same text runs in Chromium (the desktop suite) and in
// two Node vm contexts (the preload's unit test).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, 'worlds');
const read = (name: string): string => readFileSync(join(dir, name), 'utf8');

export interface PreloadWorldConfig {
  preloadPath: string;
  contextIsolation: boolean;
  /** What the sandboxed `process` carries (Electron copies a subset from the browser process). */
  process: {
    platform: string;
    arch: string;
    pid: number;
    versions: Record<string, string>;
    env: Record<string, string>;
    argv: string[];
  };
}

// A function replacer, so `$&` or `$'` in the preload's own code is never read as a pattern.
const put = (text: string, marker: string, value: string): string =>
  text.replace(marker, () => value);

export function preloadWorldSource(preloadCode: string, config: PreloadWorldConfig): string {
  let text = put(read('preload-world.js'), '/* BRIDGE_CODEC */', read('bridge-codec.js'));
  text = put(
    text,
    '__PRELOAD_FUNCTION__',
    `(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {\n${preloadCode}\n})`,
  );
  return put(text, '__CONFIG__', JSON.stringify(config));
}

export function mainWorldSource(): string {
  return put(read('main-world.js'), '/* BRIDGE_CODEC */', read('bridge-codec.js'));
}

export function sandboxProcessInfo(): PreloadWorldConfig['process'] {
  return {
    platform: process.platform,
    arch: process.arch,
    pid: process.pid,
    versions: { chrome: 'stand-in', electron: 'stand-in', node: process.versions.node },
    env: {},
    argv: [],
  };
}
