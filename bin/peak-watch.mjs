#!/usr/bin/env node
// The `peak-watch` command of a checkout: runs the built CLI (out/main/cli.js) under plain Node.
// It builds first when out/ is missing or older than the sources (scripts/ensure-build.mjs; build
// output goes to stderr, so `peak-watch … --json` stays parseable). The installed app has its own
// launcher (resources/bin/peak-watch) that runs the same file with the app's binary.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [join(root, 'scripts', 'ensure-build.mjs')], {
  stdio: ['ignore', 2, 2],
});
if (build.status !== 0) process.exit(build.status ?? 1);
// Same process: the CLI reads process.argv.slice(2), which is this command's arguments.
await import(pathToFileURL(join(root, 'out', 'main', 'cli.js')).href);
