// percentEncodingValid must accept exactly what decodeURIComponent accepts, without relying on
// the throw (a bundler deletes a call whose result is unused). Checked against
// decodeURIComponent itself over every one- and two-byte escape and a fixed sample of longer ones.
import { describe, expect, it } from 'vitest';
import { percentEncodingValid } from './routes';

function decodes(path: string): boolean {
  try {
    return typeof decodeURIComponent(path) === 'string';
  } catch {
    return false;
  }
}

const hex = (b: number): string => `%${b.toString(16).padStart(2, '0').toUpperCase()}`;

describe('percentEncodingValid', () => {
  it('agrees with decodeURIComponent on every one- and two-byte escape sequence', () => {
    const disagreements: string[] = [];
    for (let a = 0; a < 256; a++) {
      for (const path of [`/x/${hex(a)}`, `/x/${hex(a)}y`]) {
        if (percentEncodingValid(path) !== decodes(path)) disagreements.push(path);
      }
      for (let b = 0; b < 256; b++) {
        const path = `/api/runs/${hex(a)}${hex(b)}`;
        if (percentEncodingValid(path) !== decodes(path)) disagreements.push(path);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('agrees on three- and four-byte sequences, split runs and broken escapes', () => {
    // A fixed linear congruential sequence: the same cases every run.
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    const lead = [0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xc2, 0x80];
    const paths = ['%', '%%', '%%%', '%zz', '%0', '%G1', '%%41', '%u0041', '%E0%A4/%A4', 'a%'];
    for (let i = 0; i < 20_000; i++) {
      const n = 3 + (i % 2);
      const bytes = [lead[i % lead.length] as number];
      for (let k = 1; k < n; k++) bytes.push(i % 3 === 0 ? next() : 0x80 | (next() & 0x3f));
      paths.push(bytes.map(hex).join(''));
    }
    const disagreements = paths
      .map((p) => `/api/runs/${p}`)
      .filter((p) => percentEncodingValid(p) !== decodes(p));
    expect(disagreements).toEqual([]);
  });
});
