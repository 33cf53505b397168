// Run by tests as a child process: another client of one data folder. It loads, says "ready",
// and waits for a line on stdin, so the test can let two of them go at the same moment; then it
// writes settings or reads a secret for the first time.
//   tsx data-folder-testing.ts write <dataDir> <section.field> <from> <to>
//   tsx data-folder-testing.ts secret <dataDir> <name>
import { setLockLabel } from './file-lock';
import { SecretStore, type GeneratedSecretName } from './secrets';
import { SettingsStore } from './settings-store';

const [mode, dataDir, ...args] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: write|secret <dataDir> …');
setLockLabel(`test client ${mode ?? ''}`);
const store = new SettingsStore(dataDir);
await store.load();
const secrets = new SecretStore(dataDir);
console.log('ready');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.pause();

if (mode === 'write') {
  const [key = '', from = '0', to = '0'] = args;
  const [section, field] = key.split('.');
  if (!section || !field) throw new Error(`a key is section.field, not ${key}`);
  // Every value in turn, each a separate read-merge-write: the other writer's land in between.
  for (let value = Number(from); value <= Number(to); value++) {
    await store.update({ [section]: { [field]: value } });
  }
  console.log('done');
} else if (mode === 'secret') {
  console.log(await secrets.get(args[0] as GeneratedSecretName));
} else {
  throw new Error(`unknown mode ${mode ?? ''}`);
}
