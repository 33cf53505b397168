// Both hosts serve every method of the contract, and the bridge client has each (the http
// client's table is checked in renderer/src/api/http-client.test.ts, under the renderer's DOM
// types): a name added to CONSOLE_METHODS (with its type and schema in shared/contract/) and
// implemented in the core is served over IPC and HTTP with no further edit. Each method is called
// with a payload no schema accepts, so every call reaches that method's own schema and nothing
// runs; an unknown name answers differently ('unknown-method'), which makes a missing route show.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONSOLE_METHODS,
  ConsoleError,
  type BridgeApi,
  type ConsoleApi,
  type ConsoleMethod,
  type Envelope,
} from '../shared/api';
import { wrapBridgeApi } from '../renderer/src/api/bridge-client';
import { INVOKE_PREFIX } from './ipc';
import { consoleIpcHandlers } from './ipc-handlers';
import { createConsole, type ConsoleCore } from './services/console';
import { startWebHost, type WebHost } from './web-host/server';

let core: ConsoleCore;
let host: WebHost;

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'pw-contract-'));
  core = await createConsole({ dataDir, metricsPort: 0 });
  // No page is served in this test; the renderer folder is never read.
  host = await startWebHost({ api: core.api, rendererDir: join(dataDir, 'no-renderer') });
});

afterAll(async () => {
  await host?.close();
  await core?.close();
});

/** Calls every method with a payload none of the request schemas accepts; code per method. */
async function probeAll(api: ConsoleApi): Promise<Record<string, string>> {
  const codes: Record<string, string> = {};
  for (const method of CONSOLE_METHODS) {
    const methods = api as unknown as Partial<Record<string, (req: unknown) => Promise<unknown>>>;
    if (typeof methods[method] !== 'function') {
      codes[method] = 'no such function';
      continue;
    }
    const err = await methods[method]('not a request').then(
      () => null,
      (e: unknown) => e,
    );
    codes[method] = err instanceof ConsoleError ? err.code : `answered ${String(err)}`;
  }
  return codes;
}

const every = (code: string): Record<string, string> =>
  Object.fromEntries(CONSOLE_METHODS.map((m) => [m, code]));

describe('every CONSOLE_METHODS method is served by both hosts and both clients', () => {
  it('the IPC host registers one handler per method, on its prefixed channel, and no other', () => {
    const handlers = consoleIpcHandlers(core.api, () => null);
    expect([...handlers.keys()].sort()).toEqual(
      CONSOLE_METHODS.map((m) => INVOKE_PREFIX + m).sort(),
    );
  });

  it('the bridge client unwraps each IPC handler: an untrusted sender is refused per method', async () => {
    const handlers = consoleIpcHandlers(core.api, () => null);
    // A sender whose frame is gone (Electron gives senderFrame null) is never our window.
    const gone = { senderFrame: null } as unknown as IpcMainInvokeEvent;
    const bridge = Object.fromEntries(
      CONSOLE_METHODS.map((m: ConsoleMethod) => [
        m,
        async (req: unknown): Promise<Envelope<unknown>> =>
          (await handlers.get(INVOKE_PREFIX + m)?.(gone, req)) ?? {
            ok: false,
            error: { code: 'unknown-method', message: `no handler for ${m}` },
          },
      ]),
    ) as unknown as BridgeApi;
    expect(await probeAll(wrapBridgeApi(bridge))).toEqual(every('forbidden'));
  });

  it('the web host routes each method to its schema over POST /rpc/<method>', async () => {
    const rpc = async (method: string): Promise<{ status: number; code: string | null }> => {
      const res = await fetch(new URL(`/rpc/${method}`, host.baseUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-peak-watch': '1',
          authorization: `Bearer ${host.token}`,
        },
        body: JSON.stringify('not a request'),
      });
      const body = (await res.json()) as Envelope<unknown>;
      return { status: res.status, code: body.ok ? null : body.error.code };
    };
    const answers: Record<string, string> = {};
    for (const method of CONSOLE_METHODS) {
      const { status, code } = await rpc(method);
      answers[method] = `${status} ${code}`;
    }
    expect(answers).toEqual(every('200 invalid-request'));
    // The same probe to a name the contract lacks answers otherwise: a missing route shows.
    expect(await rpc('notAConsoleMethod')).toEqual({ status: 404, code: 'unknown-method' });
  });
});
