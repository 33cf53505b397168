// The one place a request from outside (IPC or HTTP) becomes a ConsoleApi call: the method name
// is checked against the contract, the payload against its zod schema, and the outcome is always
// an Envelope — a thrown error crosses as {ok:false,error}, never as a stack trace.
import {
  CONSOLE_METHODS,
  requestSchemas,
  toErrorInfo,
  type ConsoleApi,
  type ConsoleMethod,
  type Envelope,
} from '../../shared/api';

export function isConsoleMethod(name: string): name is ConsoleMethod {
  return (CONSOLE_METHODS as readonly string[]).includes(name);
}

export async function dispatch(
  api: ConsoleApi,
  method: string,
  payload: unknown,
): Promise<Envelope<unknown>> {
  if (!isConsoleMethod(method)) {
    return { ok: false, error: { code: 'unknown-method', message: `No such method: ${method}` } };
  }
  const parsed = requestSchemas[method].safeParse(payload ?? undefined);
  if (!parsed.success) return { ok: false, error: toErrorInfo(parsed.error) };
  try {
    // Called as a member so a class-based implementation keeps its `this`.
    const methods = api as unknown as Record<ConsoleMethod, (req: unknown) => Promise<unknown>>;
    const value = await methods[method](parsed.data);
    return { ok: true, value: value ?? null };
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) };
  }
}
