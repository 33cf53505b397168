// Writes the tray's four icons (resources/tray/<health>.png, 32×32 and @2x): a filled circle in
// the colour of the console's health — ok, warning, firing, stack-down. Generated, not drawn, so
// the colours are the console's own (renderer/src/styles.css) and `--check` keeps them in step.
// Usage: tsx scripts/write-tray-icons.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { TRAY_COLOURS, TRAY_ICON_DIR, trayIconFile } from '../electron/tray-icons';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer): number => {
  let c = 0xffffffff;
  for (const b of buf) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer): Buffer => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/** An RGBA PNG of a filled, antialiased circle with a darker rim. */
export function circlePng(size: number, [r, g, b]: readonly [number, number, number]): Buffer {
  const rows: Buffer[] = [];
  const c = (size - 1) / 2;
  const radius = size * 0.42;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      const alpha = Math.max(0, Math.min(1, radius - d + 0.5));
      const rim = d > radius - size * 0.08 ? 0.7 : 1;
      row.set([r * rim, g * rim, b * rim, alpha * 255].map(Math.round), 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const root = join(import.meta.dirname, '..');
const check = process.argv.includes('--check');
let stale = 0;
for (const [health, colour] of Object.entries(TRAY_COLOURS)) {
  for (const scale of [1, 2] as const) {
    const file = join(
      root,
      TRAY_ICON_DIR,
      trayIconFile(health as keyof typeof TRAY_COLOURS, scale),
    );
    const png = circlePng(32 * scale, colour);
    if (!check) writeFileSync(file, png);
    else if (!readFileSync(file).equals(png)) stale++;
  }
}
if (stale) {
  console.error(
    `${stale} tray icon(s) differ from the generator: run \`npx tsx scripts/write-tray-icons.ts\`.`,
  );
  process.exit(1);
}
