// `npm start`: the Electron app where Electron's binary is installed; otherwise one line saying
// so, and the web console instead (same UI, same services, in your browser).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const build = spawnSync(process.execPath, [join(root, 'scripts', 'ensure-build.mjs')], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

// Requiring `electron` returns its binary's path, downloading the binary first when it is missing
// (npm 11 runs no install scripts, so a first start is where that happens). Done in a child
// process so a blocked download's stack trace does not land on the user's terminal.
const probe = spawnSync(
  process.execPath,
  ['-e', "process.stdout.write('\\n' + require('electron'))"],
  {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  },
);
const electronBinary = probe.status === 0 ? probe.stdout.trim().split('\n').pop() : null;

const run = (cmd, args) => {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
};

if (electronBinary) {
  run(electronBinary, [root, ...process.argv.slice(2)]);
} else {
  console.log(
    "Electron's binary is missing and could not be downloaded — starting the web console instead; open the console URL below.",
  );
  run(process.execPath, [
    join(root, 'out', 'main', 'cli.js'),
    'headless',
    ...process.argv.slice(2),
  ]);
}
