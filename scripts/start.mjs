// `npm start`: the Electron app where Electron's binary is installed; otherwise one line saying
// so, and the web console instead (same UI, same services, in your browser).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const build = spawnSync(process.execPath, [join(root, 'scripts', 'ensure-build.mjs')], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

let electronBinary = null;
try {
  // The electron package exports the binary's path, and throws when its download never happened.
  electronBinary = createRequire(import.meta.url)('electron');
} catch {
  electronBinary = null;
}

const run = (cmd, args) => {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
};

if (typeof electronBinary === 'string') {
  run(electronBinary, [root, ...process.argv.slice(2)]);
} else {
  console.log(
    "Electron's binary is not installed (its download is blocked on this network) — starting the web console instead; open the console URL below.",
  );
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  run(process.execPath, [
    tsx,
    join(root, 'electron', 'cli.ts'),
    'headless',
    ...process.argv.slice(2),
  ]);
}
