// Part of the Electron stand-in (see ../README.md). The preload's isolated world in a sandboxed
// renderer, as https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts describes
// it: the preload runs as a function of (require, process, Buffer, global, setImmediate,
// clearImmediate, exports, module), and its `require` is a polyfill that knows only `electron`
// (the renderer modules contextBridge, crashReporter, ipcRenderer, nativeImage, webFrame,
// webUtils), `events`, `timers` and `url`, also with `node:`. Anything else throws
// "module not found: <name>", as Electron's lib/sandboxed_renderer does; a preload that throws is
// reported ("Unable to load preload script") and the page goes on without its API.
// The host provides one binding, __peakWatchStandinIpc(json), that carries ipcRenderer's messages
// to the stand-in's main process, and calls __peakWatchStandinIpcIn(json) with its answers.
(function standInPreloadWorld(config) {
  if (window !== window.top) return;
  /* BRIDGE_CODEC */
  const bridge = createBridgeEnd(
    'peak-watch-standin:to-preload',
    'peak-watch-standin:to-main',
    'preload',
  );
  const toHost = (msg) => __peakWatchStandinIpc(JSON.stringify(msg));
  // A member the stand-in does not imitate throws, so the preload cannot quietly get undefined
  // where Electron would give it something (as the main side's strict() does).
  const strict = (what, target) =>
    new Proxy(target, {
      get(t, prop) {
        if (prop in t) return t[prop];
        if (prop === 'then' || typeof prop === 'symbol') return undefined;
        throw new Error(`Electron stand-in: ${what}.${String(prop)} is not imitated`);
      },
    });
  const notImitated = (what) => strict(what, {});

  // ---- contextBridge (https://www.electronjs.org/docs/latest/api/context-bridge)
  let mainReady = false;
  const queued = [];
  bridge.on('main-ready', () => {
    mainReady = true;
    while (queued.length) bridge.send(queued.shift());
  });
  const contextBridge = strict('contextBridge', {
    exposeInMainWorld(apiKey, api) {
      if (!config.contextIsolation) {
        throw new Error('contextBridge API can only be used when contextIsolation is enabled');
      }
      const msg = { op: 'expose', key: String(apiKey), value: bridge.encode(api) };
      if (mainReady) bridge.send(msg);
      else queued.push(msg);
      toHost({ op: 'exposed', key: String(apiKey) });
    },
  });

  // ---- ipcRenderer (https://www.electronjs.org/docs/latest/api/ipc-renderer). Arguments are
  // checked as the structured clone algorithm would: functions and symbols cannot be sent.
  const cloneable = (value, path) => {
    if (typeof value === 'function' || typeof value === 'symbol') {
      throw new Error(`An object could not be cloned (${path}).`);
    }
    if (value && typeof value === 'object') {
      for (const key of Object.keys(value)) cloneable(value[key], `${path}.${key}`);
    }
  };
  // As ../wire.ts: undefined and typed arrays kept, as Electron's structured clone keeps them.
  const TYPED = { Float64Array, Uint8Array };
  const wire = (args) =>
    JSON.stringify(args, (_k, v) => {
      if (v === undefined) return { $u: 1 };
      const tag = Object.prototype.toString.call(v);
      if (tag === '[object Float64Array]' || tag === '[object Uint8Array]')
        return {
          $ta: tag.slice(8, -1),
          v: Array.from(v, (n) => (Number.isFinite(n) ? n : String(n))),
        };
      return v;
    });
  const unwire = (text) =>
    JSON.parse(text, (_k, v) => {
      if (!v || typeof v !== 'object') return v;
      if (v.$u === 1) return undefined;
      if (Object.hasOwn(TYPED, v.$ta) && Array.isArray(v.v)) return TYPED[v.$ta].from(v.v, Number);
      return v;
    });
  const invokes = new Map();
  const listeners = new Map();
  let nextInvoke = 0;
  const ipcRenderer = strict('ipcRenderer', {
    invoke(channel, ...args) {
      args.forEach((a, i) => cloneable(a, `argument ${i + 1}`));
      const id = ++nextInvoke;
      return new Promise((resolve, reject) => {
        invokes.set(id, { resolve, reject, channel });
        toHost({ op: 'invoke', id, channel: String(channel), args: wire(args) });
      });
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return ipcRenderer;
    },
    once(channel, listener) {
      const wrapped = (...a) => {
        ipcRenderer.removeListener(channel, wrapped);
        listener(...a);
      };
      return ipcRenderer.on(channel, wrapped);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
    off(channel, listener) {
      return ipcRenderer.removeListener(channel, listener);
    },
    removeAllListeners(channel) {
      if (channel === undefined) listeners.clear();
      else listeners.delete(channel);
      return ipcRenderer;
    },
  });
  globalThis.__peakWatchStandinIpcIn = (json) => {
    const msg = JSON.parse(json);
    if (msg.op === 'invoke-result') {
      const call = invokes.get(msg.id);
      invokes.delete(msg.id);
      if (!call) return;
      // ipcRenderer.invoke rejects with the handler's error, prefixed as Electron prefixes it.
      if (msg.ok) call.resolve(unwire(msg.value)[0]);
      else call.reject(new Error(`Error invoking remote method '${call.channel}': ${msg.error}`));
    } else if (msg.op === 'message') {
      const event = { sender: ipcRenderer, senderId: 0, ports: [] };
      for (const listener of [...(listeners.get(msg.channel) ?? [])]) {
        listener(event, ...unwire(msg.args));
      }
    }
  };

  // ---- the sandbox's require and globals
  const electron = {
    contextBridge,
    ipcRenderer,
    crashReporter: notImitated('crashReporter'),
    nativeImage: notImitated('nativeImage'),
    webFrame: notImitated('webFrame'),
    webUtils: notImitated('webUtils'),
  };
  class EventEmitter {
    constructor() {
      this._events = new Map();
    }
    on(name, fn) {
      this._events.set(name, [...(this._events.get(name) ?? []), fn]);
      return this;
    }
    off(name, fn) {
      this._events.set(
        name,
        (this._events.get(name) ?? []).filter((f) => f !== fn),
      );
      return this;
    }
    emit(name, ...args) {
      const fns = this._events.get(name) ?? [];
      fns.forEach((f) => f(...args));
      return fns.length > 0;
    }
  }
  const timers = { setTimeout, clearTimeout, setInterval, clearInterval };
  const loadable = {
    electron,
    events: { EventEmitter, default: EventEmitter },
    timers,
    url: { URL, URLSearchParams },
  };
  const preloadRequire = (name) => {
    const key = String(name).replace(/^node:/, '');
    if (key === 'electron' && String(name) !== 'electron')
      throw new Error(`module not found: ${name}`);
    if (Object.prototype.hasOwnProperty.call(loadable, key)) return loadable[key];
    throw new Error(`module not found: ${name}`);
  };
  const preloadProcess = Object.assign(new EventEmitter(), config.process, {
    type: 'renderer',
    sandboxed: true,
    contextIsolated: config.contextIsolation,
  });
  const immediate = {
    set: (fn, ...args) => setTimeout(fn, 0, ...args),
    clear: (id) => clearTimeout(id),
  };
  const notInBrowser = notImitated('Buffer');
  try {
    const exports = {};
    const preload = __PRELOAD_FUNCTION__;
    preload(
      preloadRequire,
      preloadProcess,
      notInBrowser,
      globalThis,
      immediate.set,
      immediate.clear,
      exports,
      { exports },
    );
  } catch (err) {
    console.error(`Unable to load preload script: ${config.preloadPath}`);
    console.error(err);
    toHost({ op: 'preload-error', path: config.preloadPath, message: String(err && err.message) });
  }
  bridge.send({ op: 'hello' });
})(__CONFIG__);
