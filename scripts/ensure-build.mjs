// Builds the app (electron-vite) when out/ is missing or older than the sources, so `npm start`
// and `npm run headless` always serve what is in the tree without rebuilding every time.
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

let built = 0;
try {
  built = statSync(join(root, 'out', 'renderer', 'index.html')).mtimeMs;
} catch {
  built = 0;
}
const sources = Math.max(...['renderer', 'shared', 'electron'].map((d) => newest(join(root, d))));
if (built < sources) {
  console.log('building the console (electron-vite build)…');
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
