// Part of the Electron stand-in (see ../README.md). The page's main world: receives what the
// preload exposes with contextBridge.exposeInMainWorld and defines it on `window`, copied by the
// rules of bridge-codec.js. The page's own scripts see nothing else of the preload's world.
(function standInMainWorld() {
  if (window !== window.top) return; // the preload runs in the main frame only (Electron default)
  /* BRIDGE_CODEC */
  const bridge = createBridgeEnd(
    'peak-watch-standin:to-main',
    'peak-watch-standin:to-preload',
    'main',
  );
  bridge.on('expose', (msg) => {
    if (msg.key in window) {
      throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    }
    Object.defineProperty(window, msg.key, { value: bridge.decode(msg.value), enumerable: true });
  });
  bridge.on('hello', () => bridge.send({ op: 'main-ready' }));
  bridge.send({ op: 'main-ready' });
})();
