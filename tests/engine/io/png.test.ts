import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../../electron/base/png';
import { decodePng } from '../../../electron/engine/io/png';

// Written by Pillow 10 (/usr/bin/python3, PIL.Image.save) from i, j = np.mgrid[0:5, 0:7]:
const PIL = {
  g8: 'iVBORw0KGgoAAAANSUhEUgAAAAcAAAAFCAAAAACs8akEAAAAFklEQVR42mNk4Obm5ubmZlSF0Cw4aAAlTwHtAfu2CwAAAABJRU5ErkJggg==',
  g16: 'iVBORw0KGgoAAAANSUhEUgAAAAcAAAAFEAAAAAD8YXVHAAAAL0lEQVR4nGNkYGC5xAqFLJdYlDVZNFl/Q6Emi7ImqybLJZgAi7Im62+EAIQLFwAAjKcZsYn/4gsAAAAASUVORK5CYII=',
  rgb: 'iVBORw0KGgoAAAANSUhEUgAAAAcAAAAFCAIAAAAG+GGPAAAAJUlEQVR4nGNkYGBglENHLEYMDIwM7GgILsqHjJBFReEITVQGggCkfgMK1qpaqQAAAABJRU5ErkJggg==',
};
const grid = (f: (i: number, j: number) => number[]): number[] => {
  const out: number[] = [];
  for (let i = 0; i < 5; i++) for (let j = 0; j < 7; j++) out.push(...f(i, j));
  return out;
};

/** PNG bytes built by hand with a given filter type on every row (independent of the encoder). */
function handPng(width: number, height: number, rows: number[][], filter: number): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: number[]) => (b.reduce((c, x) => crcTable[(c ^ x) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;
  const be32 = (v: number) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
  const chunk = (type: string, body: number[]) => {
    const t = [...type].map((c) => c.charCodeAt(0));
    return [...be32(body.length), ...t, ...body, ...be32(crc([...t, ...body]))];
  };
  const raw: number[] = [];
  rows.forEach((row, y) => {
    const prev = y > 0 ? rows[y - 1] : row.map(() => 0);
    raw.push(filter);
    row.forEach((v, x) => {
      const a = x > 0 ? row[x - 1] : 0;
      const b = prev[x];
      const c = x > 0 ? prev[x - 1] : 0;
      const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      raw.push((v - pred) & 255);
    });
  });
  const ihdr = [...be32(width), ...be32(height), 8, 0, 0, 0, 0];
  return Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, ...chunk('IHDR', ihdr), ...chunk('IDAT', [...deflateSync(Uint8Array.from(raw))]), ...chunk('IEND', [])]);
}

describe('png', () => {
  it('decodes Pillow-written 8-bit grey, 16-bit grey and RGB files', () => {
    const g8 = decodePng(Buffer.from(PIL.g8, 'base64'));
    expect([g8.width, g8.height, g8.channels, g8.bitDepth]).toEqual([7, 5, 1, 8]);
    expect(Array.from(g8.data)).toEqual(grid((i, j) => [(i * 37 + j * 11) % 256]));
    const g16 = decodePng(Buffer.from(PIL.g16, 'base64'));
    expect(g16.bitDepth).toBe(16);
    expect(Array.from(g16.data)).toEqual(grid((i, j) => [(i * 9001 + j * 1234) % 65536]));
    const rgb = decodePng(Buffer.from(PIL.rgb, 'base64'));
    expect(rgb.channels).toBe(3);
    expect(Array.from(rgb.data)).toEqual(grid((i, j) => [(i * 50 + j) % 256, (j * 30) % 256, (i * j * 7) % 256]));
  });

  it.each([0, 1, 2, 3, 4])('undoes filter type %i', (filter) => {
    const rows = Array.from({ length: 4 }, (_, y) => Array.from({ length: 6 }, (_, x) => (y * 71 + x * x * 13 + 200) % 256));
    expect(Array.from(decodePng(handPng(6, 4, rows, filter)).data)).toEqual(rows.flat());
  });

  it('round-trips 8/16-bit grey and RGB through the encoder', () => {
    for (const [channels, bitDepth] of [[1, 8], [1, 16], [3, 8], [3, 16]] as const) {
      const n = 9 * 4 * channels;
      const data = bitDepth === 16 ? Uint16Array.from({ length: n }, (_, i) => (i * 2654435761) % 65536) : Uint8Array.from({ length: n }, (_, i) => (i * 37) % 256);
      const back = decodePng(encodePng({ width: 9, height: 4, channels, bitDepth, data }));
      expect(back).toEqual({ width: 9, height: 4, channels, bitDepth, data });
    }
  });

  it('gives clear errors for bad files', () => {
    expect(() => decodePng(new Uint8Array(20), 'x.png')).toThrow(/x\.png: not a PNG file/);
    const good = Buffer.from(PIL.g8, 'base64');
    expect(() => decodePng(good.subarray(0, 40), 'cut.png')).toThrow(/cut\.png: .*truncated|no image data/);
    const interlaced = Uint8Array.from(good);
    interlaced[8 + 8 + 12] = 1; // IHDR interlace byte (the CRC is not checked)
    expect(() => decodePng(interlaced, 'i.png')).toThrow(/interlaced/);
  });
});
