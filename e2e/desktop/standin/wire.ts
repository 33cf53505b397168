// Part of the Electron stand-in (README.md here): how ipcRenderer's arguments cross between the
// harness and a page's preload world — JSON, with `undefined` kept (worlds/preload-world.js does
// the same inside the page).
export const wire = (args: unknown[]): string =>
  JSON.stringify(args, (_k, v: unknown) => (v === undefined ? { $u: 1 } : v));

export const unwire = (text: string): unknown[] =>
  JSON.parse(text, (_k, v: unknown) =>
    v && typeof v === 'object' && (v as { $u?: number }).$u === 1 ? undefined : v,
  ) as unknown[];
