// vitest's global setup: build first when out/ is missing or older than the sources
// (scripts/ensure-build.mjs), because tests run the built CLI and package the built app.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const r = spawnSync(process.execPath, [join(import.meta.dirname, 'ensure-build.mjs')], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`electron-vite build failed (exit ${r.status})`);
}
