// Noticing that another process (the CLI, a second console, a person's editor) changed
// settings.json. The folder is watched, not the file: every writer replaces the file by a rename,
// which would leave a watch on the old file looking at nothing. Bursts (temp file, rename, a
// second writer) settle into one call after `debounceMs`.
import { watch, type FSWatcher } from 'node:fs';
import { SETTINGS_FILE } from './settings-store';

export function watchSettingsFile(
  dataDir: string,
  onChange: () => void,
  debounceMs = 200,
): () => void {
  let timer: NodeJS.Timeout | null = null;
  let watcher: FSWatcher | null = null;
  const fire = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      onChange();
    }, debounceMs);
  };
  try {
    watcher = watch(dataDir, { persistent: false }, (_event, filename) => {
      // Some platforms do not say which file changed: then it may have been ours.
      if (filename === null || filename === SETTINGS_FILE) fire();
    });
    // The folder vanished or the OS ran out of watches: the console keeps running without.
    watcher.on('error', () => watcher?.close());
  } catch {
    watcher = null;
  }
  return () => {
    if (timer) clearTimeout(timer);
    watcher?.close();
  };
}
