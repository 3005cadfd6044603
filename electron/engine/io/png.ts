/**
 * PNG read (ISO/IEC 15948, W3C PNG 2nd ed.) with node:zlib: grey, grey+alpha, RGB, RGBA and
 * palette images at 8 or 16 bits per sample (grey also at 1, 2, 4), non-interlaced. Alpha is dropped
 * (Aegis reads pixel values, not compositing); palette images become RGB. Writing uses the one
 * encoder, electron/base/png.
 */
import { readFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { writeFileAtomic } from '../../base/atomicWrite';
import { encodePng, PNG_SIGNATURE, type PngImage } from '../../base/png';

// Image output of the engine (QA example images, CLI maps) encodes with the one encoder, re-exported here.
export { encodePng, type PngImage } from '../../base/png';

const SAMPLES: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Decodes PNG bytes; `name` (e.g. the path) prefixes error messages. Sub-8-bit grey is scaled to 8-bit range. */
export function decodePng(bytes: Uint8Array, name = 'image.png'): PngImage {
  if (bytes.length < 8 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error(`${name}: not a PNG file (bad signature)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  let ihdr: DataView | null = null;
  let palette: Uint8Array | null = null;
  const idat: Uint8Array[] = [];
  while (pos + 8 <= bytes.length) {
    const len = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (pos + 12 + len > bytes.length) throw new Error(`${name}: PNG chunk ${type} runs past the end of the file — truncated`);
    const body = bytes.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') ihdr = new DataView(body.buffer, body.byteOffset, body.byteLength);
    else if (type === 'PLTE') palette = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  if (!ihdr || ihdr.byteLength < 13) throw new Error(`${name}: PNG has no IHDR chunk`);
  const width = ihdr.getUint32(0);
  const height = ihdr.getUint32(4);
  const depth = ihdr.getUint8(8);
  const colour = ihdr.getUint8(9);
  if (ihdr.getUint8(12) !== 0) throw new Error(`${name}: interlaced (Adam7) PNG is not supported; save it non-interlaced`);
  const samples = SAMPLES[colour];
  if (samples === undefined) throw new Error(`${name}: PNG colour type ${colour} is invalid`);
  const okDepth = colour === 0 ? [1, 2, 4, 8, 16] : colour === 3 ? [8] : [8, 16];
  if (!okDepth.includes(depth)) throw new Error(`${name}: PNG colour type ${colour} at ${depth} bits per sample is not supported`);
  if (colour === 3 && !palette) throw new Error(`${name}: palette PNG without a PLTE chunk`);
  if (idat.length === 0) throw new Error(`${name}: PNG has no image data (IDAT)`);
  let raw: Uint8Array;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch (err) {
    throw new Error(`${name}: PNG image data is corrupt (${(err as Error).message})`, { cause: err });
  }
  const bitsPerPixel = samples * depth;
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  if (raw.length < height * (stride + 1)) throw new Error(`${name}: PNG image data is ${raw.length} bytes, expected ${height * (stride + 1)} — truncated`);
  const pixels = unfilter(raw, height, stride, Math.max(1, bitsPerPixel / 8), name);
  const channels: 1 | 3 = colour === 0 || colour === 4 ? 1 : 3;
  const bitDepth: 8 | 16 = depth === 16 ? 16 : 8;
  const out = bitDepth === 16 ? new Uint16Array(width * height * channels) : new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * channels;
      if (colour === 3) {
        const idx = row[x];
        for (let c = 0; c < 3; c++) out[o + c] = palette![idx * 3 + c] ?? 0;
      } else if (depth < 8) {
        const bit = x * depth;
        const v = (row[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
        out[o] = Math.round((v * 255) / ((1 << depth) - 1));
      } else {
        for (let c = 0; c < channels; c++) {
          const s = x * samples + c;
          out[o + c] = depth === 16 ? (row[2 * s] << 8) | row[2 * s + 1] : row[s];
        }
      }
    }
  }
  return { width, height, channels, bitDepth, data: out };
}

function unfilter(raw: Uint8Array, height: number, stride: number, bpp: number, name: string): Uint8Array {
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = out.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? out.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? cur[i - bpp] : 0;
      const b = prev[i];
      const c = i >= bpp ? prev[i - bpp] : 0;
      let p: number;
      switch (filter) {
        case 0: p = 0; break;
        case 1: p = a; break;
        case 2: p = b; break;
        case 3: p = (a + b) >> 1; break;
        case 4: {
          const pa = Math.abs(b - c);
          const pb = Math.abs(a - c);
          const pc = Math.abs(a + b - 2 * c);
          p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw new Error(`${name}: PNG row ${y} has unknown filter type ${filter} — file corrupt`);
      }
      cur[i] = (src[i] + p) & 0xff;
    }
  }
  return out;
}

/** Reads and decodes a PNG file. */
export async function readPng(path: string): Promise<PngImage> {
  return decodePng(await readFile(path), path);
}

/** Writes a PNG file with the base room's durable writer. */
export async function writePng(path: string, image: PngImage): Promise<void> {
  writeFileAtomic(path, encodePng(image));
}
