// Builds the app (electron-vite) when out/ is missing or older than the sources, so `npm start`,
// `npm run headless`, `peak-watch` (bin/) and the tests always run what is in the tree without
// rebuilding every time. Build output goes to stderr: the CLI's stdout stays its own.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

// Every entry the app and the CLI run; the oldest one decides (0 when one is missing).
const outputs = ['main/main.js', 'main/cli.js', 'preload/preload.cjs', 'renderer/index.html'];
const built = Math.min(
  ...outputs.map((file) => {
    try {
      return statSync(join(root, 'out', file)).mtimeMs;
    } catch {
      return 0;
    }
  }),
);
const sources = Math.max(...['renderer', 'shared', 'electron'].map((d) => newest(join(root, d))));
if (built < sources) {
  console.error('building the console (electron-vite build)…');
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
