// The window's size and position, remembered between runs. Plain Node so it can be tested.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './fs-atomic';

const windowState = z.object({
  width: z.number().int().min(640).max(10_000),
  height: z.number().int().min(480).max(10_000),
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof windowState>;

export const DEFAULT_WINDOW: WindowState = { width: 1280, height: 800, maximized: false };

export async function loadWindowState(dataDir: string): Promise<WindowState> {
  try {
    const raw: unknown = JSON.parse(await readFile(join(dataDir, 'window-state.json'), 'utf8'));
    return windowState.parse(raw);
  } catch {
    return DEFAULT_WINDOW; // a missing or broken file just means "default size"
  }
}

export async function saveWindowState(dataDir: string, state: WindowState): Promise<void> {
  await writeFileAtomic(join(dataDir, 'window-state.json'), JSON.stringify(state) + '\n');
}
