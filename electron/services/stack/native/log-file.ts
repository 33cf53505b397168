// A native service's log file, which the service itself writes (stdout and stderr go straight
// to it): kept under a size when the service starts, marked with our own lines (a stop that
// needed SIGKILL, how the process ended), and read back from its end for status and errors.
import { renameSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** A log file past this size is moved to <file>.1 when the service next starts. */
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;

/** Moves a log past LOG_ROTATE_BYTES to <file>.1, before the service next writes to it. */
export function rotate(logFile: string): void {
  try {
    if (statSync(logFile).size > LOG_ROTATE_BYTES) renameSync(logFile, `${logFile}.1`);
  } catch {
    // No log yet.
  }
}

/** A line of ours in the service's log (marked `--- peak-watch`), never failing the caller. */
export async function appendLine(file: string, line: string): Promise<void> {
  try {
    const h = await open(file, 'a');
    await h.write(`--- peak-watch ${new Date().toISOString()}: ${line}\n`);
    await h.close();
  } catch {
    // A full disk must not crash the app.
  }
}

/** The last `count` lines of a file, reading at most its last 256 KiB. */
export async function readLastLines(file: string, count: number): Promise<string[]> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return [];
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 256 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString('utf8').split(/\r?\n/).filter(Boolean).slice(-count);
  } finally {
    await handle.close();
  }
}
