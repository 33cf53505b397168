// Part of the Electron stand-in (../README.md): `ipcMain`, following
// https://www.electronjs.org/docs/latest/api/ipc-main — one handler per channel (a second one
// throws), `event.senderFrame` the WebFrameMain that sent it, a handler's throw reaching the
// renderer as "Error invoking remote method …", a channel without a handler refused.
import { onHarness, strict, tell } from './link';
import { webContentsOf } from './window';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
const handlers = new Map<string, Handler>();

const report = (): void => tell({ t: 'handlers', channels: [...handlers.keys()] });

export const ipcMain = strict('ipcMain', {
  handle(channel: string, handler: Handler): void {
    if (handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, handler);
    report();
  },
  handleOnce(channel: string, handler: Handler): void {
    ipcMain.handle(channel, (event, ...args) => {
      handlers.delete(channel);
      return handler(event, ...args);
    });
  },
  removeHandler(channel: string): void {
    handlers.delete(channel);
    report();
  },
});

onHarness('invoke', (msg) => {
  void (async () => {
    const contents = webContentsOf(msg.windowId);
    const handler = handlers.get(msg.channel);
    if (!contents || !handler) {
      return tell({
        t: 'invoke-result',
        id: msg.id,
        ok: false,
        error: `Error: No handler registered for '${msg.channel}'`,
      });
    }
    const event = {
      sender: contents,
      senderFrame: contents.frame(msg.frame),
      processId: 1,
      frameId: 1,
      type: 'frame',
    };
    try {
      const value: unknown = await handler(event, ...msg.args);
      tell({ t: 'invoke-result', id: msg.id, ok: true, value: structuredClone(value) });
    } catch (err) {
      tell({
        t: 'invoke-result',
        id: msg.id,
        ok: false,
        error: `Error: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  })();
});
