// The window's size and position, remembered between runs. Plain Node so it can be tested. Only
// the desktop app writes it (one app per data folder: Electron's single-instance lock), so a
// write needs no lock; a field that cannot be used costs that field, and a file that is not JSON
// is kept aside (never dropped) with a warning in the app's log.
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { linkTarget, removeStaleTemps, writeFileAtomic } from './fs-atomic';
import { parseJsonText } from './json-text';

const FILE = 'window-state.json';

const windowState = z.object({
  width: z.number().int().min(640).max(10_000),
  height: z.number().int().min(480).max(10_000),
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof windowState>;

export const DEFAULT_WINDOW: WindowState = { width: 1280, height: 800, maximized: false };

export async function loadWindowState(
  dataDir: string,
  warn: (message: string) => void = (m) => console.warn(`warning: ${m}`),
): Promise<WindowState> {
  const file = join(dataDir, FILE);
  // Electron's single-instance lock keeps any other app off this data folder, so a temp beside
  // the file is this app's: a save that was killed, or — when a window opens again from the tray
  // — the save of the window that just closed, which the age check spares (its temp is seconds old).
  await removeStaleTemps(await linkTarget(file)).catch(() => undefined);
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return DEFAULT_WINDOW; // no file yet (or none readable): the default size
  const parsed = parseJsonText(text);
  if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object') {
    const why = parsed.ok
      ? 'not an object'
      : `line ${parsed.position.line}, column ${parsed.position.column}: not valid JSON (${parsed.reason})`;
    const target = await linkTarget(file);
    const aside = `${target}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    const kept = await rename(target, aside).then(
      () => `it was kept as ${aside}`,
      (err: Error) => `it could not be kept aside (${err.message})`,
    );
    warn(`${FILE} ${why}; ${kept} and the window opens at its default size.`);
    return DEFAULT_WINDOW;
  }
  const raw = parsed.value as Record<string, unknown>;
  const state: Record<string, unknown> = { ...DEFAULT_WINDOW };
  for (const [field, schema] of Object.entries(windowState.shape)) {
    if (raw[field] === undefined) continue;
    const value = schema.safeParse(raw[field]);
    if (value.success) {
      state[field] = value.data;
    } else {
      const fallback = (DEFAULT_WINDOW as Record<string, unknown>)[field];
      warn(
        `${FILE}: ${field}: ${value.error.issues[0]?.message ?? 'not valid'}, got ${JSON.stringify(raw[field])} — using the default ${fallback === undefined ? '(none)' : JSON.stringify(fallback)}`,
      );
    }
  }
  return windowState.parse(state);
}

export async function saveWindowState(dataDir: string, state: WindowState): Promise<void> {
  // Through a symlink to its target, so a linked file stays linked.
  await writeFileAtomic(await linkTarget(join(dataDir, FILE)), JSON.stringify(state) + '\n');
}
