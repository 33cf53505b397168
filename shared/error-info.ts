// Anything thrown → the ConsoleErrorInfo that crosses a boundary. Kept apart from errors.ts
// because it knows zod's errors, and the sandboxed preload must not import zod.
import { z } from 'zod';
import { ConsoleError, type ConsoleErrorInfo } from './errors';

/** Turns anything thrown into the info that crosses the boundary; never a stack trace. */
export function toErrorInfo(err: unknown): ConsoleErrorInfo {
  if (err instanceof ConsoleError) return err.toInfo();
  if (err instanceof z.ZodError) {
    return {
      code: 'invalid-request',
      message: err.issues
        .map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`)
        .join('; '),
    };
  }
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const e = err as { code: unknown; message: unknown; fix?: unknown };
    if (typeof e.code === 'string' && typeof e.message === 'string') {
      return {
        code: e.code,
        message: e.message,
        ...(typeof e.fix === 'string' ? { fix: e.fix } : {}),
      };
    }
  }
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}
