// Part of the Electron stand-in (README.md here): how ipcRenderer's arguments cross between the
// harness and a page's preload world — JSON, with `undefined` and typed arrays kept, as Electron's
// IPC keeps them ("serialized with the Structured Clone Algorithm",
// https://www.electronjs.org/docs/latest/api/ipc-renderer#ipcrendererinvokechannel-args);
// worlds/preload-world.js does the same inside the page.

export const wire = (args: unknown[]): string =>
  JSON.stringify(args, (_k, v: unknown) => {
    if (v === undefined) return { $u: 1 };
    // By tag, not instanceof: a typed array of another realm (a vm context) is one too.
    const tag = Object.prototype.toString.call(v);
    if (tag === '[object Float64Array]' || tag === '[object Uint8Array]') {
      // JSON has no NaN or Infinity: those go as their names.
      return {
        $ta: tag.slice(8, -1),
        v: Array.from(v as ArrayLike<number>, (n) => (Number.isFinite(n) ? n : String(n))),
      };
    }
    return v;
  });

export const unwire = (text: string): unknown[] =>
  JSON.parse(text, (_k, v: unknown) => {
    if (!v || typeof v !== 'object') return v;
    if ((v as { $u?: number }).$u === 1) return undefined;
    const { $ta, v: items } = v as { $ta?: string; v?: (number | string)[] };
    if (!Array.isArray(items)) return v;
    if ($ta === 'Float64Array') return Float64Array.from(items, Number);
    if ($ta === 'Uint8Array') return Uint8Array.from(items, Number);
    return v;
  }) as unknown[];
