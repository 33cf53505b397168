// The desktop suite drives the build a user runs: out/main, out/preload and out/renderer.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkRendererBuild, root } from '../support/prerequisites';

export default function globalSetup(): void {
  checkRendererBuild();
  for (const file of ['out/main/main.js', 'out/preload/preload.cjs']) {
    if (!existsSync(join(root, file))) {
      throw new Error(`${file} is missing: run \`npm run test:desktop\` (it builds first).`);
    }
  }
}
