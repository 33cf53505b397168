// An answer is in and a commit will follow: ask for the next frame now. The compositor sends the
// page a frame only on a vsync at which one was asked for; asked only by the commit (React's DOM
// changes), a vsync that passed during the shaping and the commit is missed and the frame waits
// for the next one, up to 16.7 ms later. Asked when the data lands, that vsync sends the frame and
// it runs the moment the commit is done. A frame with nothing new in it costs next to nothing.
const noop = (): void => undefined;

export function askForFrame(): void {
  globalThis.requestAnimationFrame?.(noop);
}
