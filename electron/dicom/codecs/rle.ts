/**
 * RLE Lossless decoder, DICOM PS3.5 Annex G: a 64-byte header of up to 15 segment offsets, one
 * PackBits segment per byte plane (most significant byte first) of each sample.
 */
import type { DecodedSamples } from './decodedSamples';

/** Decodes one RLE frame into `rows × columns` samples per component (planar output). */
export function decodeRle(encoded: Uint8Array, rows: number, columns: number, components: number, bitsAllocated: number, signed: boolean): DecodedSamples {
  if (encoded.length < 64) throw new Error(`RLE header is ${encoded.length} bytes, expected 64`);
  const view = new DataView(encoded.buffer, encoded.byteOffset, encoded.length);
  const count = view.getUint32(0, true);
  const bytesPerSample = bitsAllocated / 8;
  if (!Number.isInteger(bytesPerSample) || bytesPerSample < 1 || bytesPerSample > 4) throw new Error(`RLE cannot hold ${bitsAllocated}-bit samples`);
  const needed = components * bytesPerSample;
  if (count !== needed) throw new Error(`RLE frame has ${count} segments, expected ${needed} (${components} samples × ${bytesPerSample} bytes)`);
  const pixels = rows * columns;
  const out = new Uint32Array(pixels * components);
  const plane = new Uint8Array(pixels);
  for (let s = 0; s < count; s++) {
    const start = view.getUint32(4 + 4 * s, true);
    const end = s + 1 < count ? view.getUint32(8 + 4 * s, true) : encoded.length;
    if (start < 64 || end > encoded.length || end < start) throw new Error(`RLE segment ${s + 1} offset ${start} is outside the frame`);
    unpackBits(encoded, start, end, plane);
    const component = Math.floor(s / bytesPerSample);
    const shift = 8 * (bytesPerSample - 1 - (s % bytesPerSample));
    const base = component * pixels;
    for (let i = 0; i < pixels; i++) out[base + i] = (out[base + i]! | (plane[i]! << shift)) >>> 0;
  }
  return { width: columns, height: rows, components, planar: components > 1, samples: narrow(out, bitsAllocated, signed) };
}

/** PackBits: n ≥ 0 copies n+1 literal bytes, −127 ≤ n ≤ −1 repeats the next byte 1−n times, −128 is a no-op. */
function unpackBits(src: Uint8Array, start: number, end: number, dst: Uint8Array): void {
  let i = start;
  let o = 0;
  while (o < dst.length && i < end) {
    const n = (src[i++]! << 24) >> 24;
    if (n >= 0) {
      const len = Math.min(n + 1, end - i, dst.length - o);
      dst.set(src.subarray(i, i + len), o);
      i += n + 1;
      o += len;
    } else if (n !== -128) {
      const len = Math.min(1 - n, dst.length - o);
      dst.fill(src[i++] ?? 0, o, o + len);
      o += len;
    }
  }
  if (o < dst.length) throw new Error(`RLE segment decodes to ${o} bytes, expected ${dst.length}`);
}

function narrow(v: Uint32Array, bits: number, signed: boolean): DecodedSamples['samples'] {
  if (bits === 8) return signed ? new Int8Array(v) : new Uint8Array(v);
  if (bits === 16) return signed ? new Int16Array(v) : new Uint16Array(v);
  return signed ? new Int32Array(v.buffer) : v;
}
