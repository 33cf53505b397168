// Setup of the unit project: a unit test that starts a child process or listens on a port fails,
// naming what it started, so a test that needs real processes is renamed *.int.test.ts instead of
// slowing or flaking the parallel unit run. Complements the static check in
// scripts/vitest-kinds.test.ts, which cannot see a process started through product code.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { afterEach } from 'vitest';

function refusal(what: string): Error {
  return new Error(`a unit test ${what}: name the file *.int.test.ts (scripts/vitest-kinds.ts)`);
}

// The patch is per worker process and so is the list of what was started: a second setup run in
// the same worker keeps both.
const marker = Symbol.for('peak-watch.unit-guard');
const guarded = globalThis as { [marker]?: string[] };
const started = guarded[marker] ?? [];
if (guarded[marker] === undefined) {
  guarded[marker] = started;
  const refuse = (what: string): Error => {
    started.push(what);
    return refusal(what);
  };
  const processFunctions = [
    'spawn',
    'spawnSync',
    'exec',
    'execSync',
    'execFile',
    'execFileSync',
    'fork',
  ] as const;
  for (const name of processFunctions) {
    Object.defineProperty(childProcess, name, {
      value: (file: unknown) => {
        throw refuse(`ran ${String(file)} (child_process.${name})`);
      },
    });
  }
  Object.defineProperty(net.Server.prototype, 'listen', {
    value: () => {
      throw refuse('listened on a port (net.Server.listen)');
    },
  });
  // ES-module imports of node:child_process see the replaced functions too.
  syncBuiltinESMExports();
}

afterEach(() => {
  // A refusal that product code caught and turned into an ordinary failure still fails the test.
  const what = started.splice(0);
  if (what.length > 0) throw refusal(what.join('; '));
});
