// The *built* preload (out/preload/preload.cjs, the file the app ships) loaded the way Electron's
// sandboxed preload loader loads it: a polyfilled require that knows only `electron`, `events`,
// `timers` and `url`, two JavaScript worlds that share nothing but the DOM, and contextBridge's
// copy rules (e2e/desktop/standin). No Electron binary runs here; this is its documented
// behaviour, not a mock of our own code.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPreloadInNodeWorlds, type NodeWorlds } from '../e2e/desktop/standin/node-worlds';
import { CONSOLE_METHODS, type BridgeApi } from '../shared/api';
import { EVENT_PREFIX, INVOKE_PREFIX } from './ipc';

const builtPreload = join(import.meta.dirname, '..', 'out', 'preload', 'preload.cjs');

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('the built preload in a sandboxed renderer (Electron stand-in)', () => {
  let worlds: NodeWorlds;
  let api: BridgeApi;
  beforeAll(() => {
    if (!existsSync(builtPreload)) {
      throw new Error(`${builtPreload} is missing: run \`npm run build:app\` first.`);
    }
    worlds = loadPreloadInNodeWorlds(builtPreload);
    api = worlds.mainWorld.api as BridgeApi;
  });

  it('loads without error and exposes exactly window.api: one function per method, plus on()', () => {
    expect(worlds.preloadError).toBeNull();
    expect(worlds.consoleErrors).toEqual([]);
    expect(worlds.exposed, 'what the preload gave contextBridge').toEqual(['api']);
    expect(Object.keys(worlds.mainWorld).filter((k) => !['window', 'top'].includes(k))).toEqual(
      expect.not.arrayContaining(['require', 'ipcRenderer', 'process', 'electron']),
    );
    expect(Object.keys(api).sort()).toEqual([...CONSOLE_METHODS, 'on'].sort());
    for (const key of Object.keys(api)) expect(typeof api[key as keyof BridgeApi]).toBe('function');
  });

  it('a call invokes its prefixed channel with the payload and resolves with the envelope', async () => {
    const pending = api.getLabelValues({ label: 'route' });
    const call = worlds.invokes.at(-1)!;
    expect(call.channel).toBe(`${INVOKE_PREFIX}getLabelValues`);
    expect(call.args).toEqual([{ label: 'route' }]);
    worlds.answer(call.id, { ok: true, value: { ok: true, value: ['/health', '/metrics'] } });
    await expect(pending).resolves.toEqual({ ok: true, value: ['/health', '/metrics'] });
  });

  it("a range result's typed arrays arrive as the page's own typed arrays, NaN and ±Inf kept", async () => {
    const pending = api.queryRange({ query: 'up', start: 1, end: 2, step: 1 });
    const result = {
      resultType: 'matrix',
      times: Float64Array.of(1000, 2000),
      series: [
        { metric: {}, values: Float64Array.of(NaN, Infinity), missing: Uint8Array.of(1, 0) },
      ],
    };
    worlds.answer(worlds.invokes.at(-1)!.id, { ok: true, value: { ok: true, value: result } });
    const envelope = await pending;
    const got = (envelope.ok ? envelope.value : null) as unknown as typeof result;
    expect(got.times).toBeInstanceOf(worlds.evalInPage('Float64Array') as Float64ArrayConstructor);
    expect(got.series[0]?.missing).toBeInstanceOf(
      worlds.evalInPage('Uint8Array') as Uint8ArrayConstructor,
    );
    expect(Array.from(got.series[0]?.values ?? [])).toEqual([NaN, Infinity]);
    expect(Array.from(got.times)).toEqual([1000, 2000]);
  });

  it('an error envelope arrives as a value, with code and fix as main sent them', async () => {
    const pending = api.startStack();
    const error = {
      code: 'port-in-use',
      message: 'Port 8000 is taken',
      fix: 'Choose another port',
    };
    worlds.answer(worlds.invokes.at(-1)!.id, { ok: true, value: { ok: false, error } });
    const envelope = await pending;
    expect(envelope).toEqual({ ok: false, error });
    expect(envelope).toBeInstanceOf(worlds.evalInPage('Object') as ObjectConstructor); // the page's own
  });

  it('a rejected invoke (no handler in main) arrives as an internal error envelope', async () => {
    const pending = api.getTargets();
    worlds.answer(worlds.invokes.at(-1)!.id, {
      ok: false,
      error: "Error: No handler registered for 'peak-watch:invoke:getTargets'",
    });
    const envelope = await pending;
    expect(envelope.ok).toBe(false);
    expect(envelope.ok ? null : envelope.error).toMatchObject({
      code: 'internal',
      message: expect.stringMatching(/No handler registered/) as unknown,
    });
  });

  it("an event main sends reaches the page's listener, and the unsubscribe stops it", async () => {
    const seen: unknown[] = [];
    const off = api.on('serverStatus', (s) => seen.push(s));
    worlds.send(`${EVENT_PREFIX}serverStatus`, { listening: true, port: 8000 });
    await tick();
    expect(seen).toEqual([{ listening: true, port: 8000 }]);
    off();
    worlds.send(`${EVENT_PREFIX}serverStatus`, { listening: false });
    expect(seen).toHaveLength(1);
    expect(() => api.on('nope' as 'serverStatus', () => undefined)).toThrow(/Unknown event: nope/);
  });
});

describe("Electron's sandboxed preload loader (stand-in) refuses what Electron refuses", () => {
  const preloadWith = (code: string): NodeWorlds => {
    const file = join(mkdtempSync(join(tmpdir(), 'pw-preload-')), 'preload.cjs');
    writeFileSync(
      file,
      `${code}\nrequire('electron').contextBridge.exposeInMainWorld('api', { ok: () => 1 });\n`,
    );
    return loadPreloadInNodeWorlds(file);
  };

  it.each(['zod', 'fs', 'node:path', './second-file.cjs', '../shared/api'])(
    'a preload that requires %s does not load, and the page gets no window.api',
    (name) => {
      const worlds = preloadWith(`require(${JSON.stringify(name)});`);
      expect(worlds.preloadError).toBe(`module not found: ${name}`);
      expect(worlds.consoleErrors[0]).toMatch(/^Unable to load preload script: /);
      expect(worlds.mainWorld.api).toBeUndefined();
    },
  );

  it('electron, events, timers and url (also as node:) are loadable', () => {
    const worlds = preloadWith(
      "for (const m of ['electron', 'events', 'node:events', 'timers', 'node:timers', 'url', 'node:url']) require(m);",
    );
    expect(worlds.preloadError).toBeNull();
    expect(typeof (worlds.mainWorld.api as { ok: unknown }).ok).toBe('function');
  });

  it.each([
    "require('electron').ipcRenderer.sendSync('x')",
    "require('electron').contextBridge.exposeInIsolatedWorld(1, 'api', {})",
    "require('electron').webFrame.setZoomFactor(2)",
  ])('a preload using what the stand-in does not imitate fails loudly: %s', (code) => {
    const worlds = preloadWith(code);
    expect(worlds.preloadError).toMatch(/^Electron stand-in: \w+\.\w+ is not imitated$/);
    expect(worlds.mainWorld.api).toBeUndefined();
  });

  it('contextBridge refuses to work without context isolation', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pw-preload-')), 'preload.cjs');
    writeFileSync(file, "require('electron').contextBridge.exposeInMainWorld('api', {});");
    const worlds = loadPreloadInNodeWorlds(file, { contextIsolation: false });
    expect(worlds.preloadError).toMatch(/contextIsolation/);
  });
});
