// Where `electron-vite build` (electron.vite.config.ts) puts what the app and the CLI run. Tests
// take their paths from here, so they drive the built files a user runs, never the sources.
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

export const buildOutput = {
  root,
  /** The Electron main process (package.json "main"). */
  main: join(root, 'out', 'main', 'main.js'),
  /** The `peak-watch` CLI: plain Node, or the app's binary with ELECTRON_RUN_AS_NODE=1. */
  cli: join(root, 'out', 'main', 'cli.js'),
  preload: join(root, 'out', 'preload', 'preload.cjs'),
  renderer: join(root, 'out', 'renderer'),
};
