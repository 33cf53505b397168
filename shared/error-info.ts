// Anything thrown → the ConsoleErrorInfo that crosses a boundary. Kept apart from errors.ts
// because it knows zod's errors, and the sandboxed preload must not import zod.
import { z } from 'zod';
import { ConsoleError, describeIssues, isConsoleErrorCode, type ConsoleErrorInfo } from './errors';

/** Turns anything thrown into the info that crosses the boundary; never a stack trace. */
export function toErrorInfo(err: unknown): ConsoleErrorInfo {
  if (err instanceof ConsoleError) return err.toInfo();
  if (err instanceof z.ZodError) return { code: 'invalid-request', message: describeIssues(err) };
  // A ConsoleErrorInfo that crossed as a plain object (a structured clone keeps no class); a
  // code of another kind (Node's 'ENOENT') is no ConsoleErrorCode, so only its message is kept.
  if (err && typeof err === 'object' && 'message' in err && typeof err.message === 'string') {
    const e = err as { code?: unknown; message: string; fix?: unknown };
    if (isConsoleErrorCode(e.code)) {
      return {
        code: e.code,
        message: e.message,
        ...(typeof e.fix === 'string' ? { fix: e.fix } : {}),
      };
    }
    return { code: 'internal', message: e.message };
  }
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}
