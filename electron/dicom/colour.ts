/**
 * Colour conversions to 8-bit RGB for display and models: YBR_FULL (PS3.3 C.7.6.3.1.2, the JFIF
 * equations), YBR_FULL_422 upsampling, PALETTE COLOR lookup (C.7.6.3.1.5), and RGB scaling.
 */
import type dicomParser from 'dicom-parser';
import type { DecodedSamples } from './codecs/decodedSamples';

type Samples = DecodedSamples['samples'];

const clamp8 = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** Interleaves planar samples (RR…GG…BB…) into pixel order (RGBRGB…). */
export function interleave(planar: Samples, pixels: number): Samples {
  const out = new (planar.constructor as new (n: number) => Samples)(pixels * 3);
  for (let i = 0; i < pixels; i++) {
    out[3 * i] = planar[i]!;
    out[3 * i + 1] = planar[pixels + i]!;
    out[3 * i + 2] = planar[2 * pixels + i]!;
  }
  return out;
}

/** Expands uncompressed YBR_FULL_422 (Y1 Y2 Cb Cr per pixel pair) to interleaved YBR per pixel. */
export function upsample422(packed: Samples, rows: number, columns: number): Samples {
  const out = new (packed.constructor as new (n: number) => Samples)(rows * columns * 3);
  const pairsPerRow = Math.ceil(columns / 2);
  for (let r = 0; r < rows; r++) {
    for (let p = 0; p < pairsPerRow; p++) {
      const src = (r * pairsPerRow + p) * 4;
      for (let k = 0; k < 2 && 2 * p + k < columns; k++) {
        const dst = (r * columns + 2 * p + k) * 3;
        out[dst] = packed[src + k]!;
        out[dst + 1] = packed[src + 2]!;
        out[dst + 2] = packed[src + 3]!;
      }
    }
  }
  return out;
}

/** Interleaved 8-bit YBR_FULL → RGB. */
export function ybrFullToRgb(ybr: Samples): Uint8Array {
  const out = new Uint8Array(ybr.length);
  for (let i = 0; i < ybr.length; i += 3) {
    const y = ybr[i]!;
    const cb = ybr[i + 1]! - 128;
    const cr = ybr[i + 2]! - 128;
    out[i] = clamp8(y + 1.402 * cr);
    out[i + 1] = clamp8(y - 0.344136 * cb - 0.714136 * cr);
    out[i + 2] = clamp8(y + 1.772 * cb);
  }
  return out;
}

/** Interleaved RGB samples of any depth → 8-bit by dropping the low bits. */
export function rgbTo8(rgb: Samples, bitsStored: number): Uint8Array {
  if (rgb instanceof Uint8Array && bitsStored === 8) return rgb;
  const shift = Math.max(0, bitsStored - 8);
  const out = new Uint8Array(rgb.length);
  for (let i = 0; i < rgb.length; i++) out[i] = Math.max(0, rgb[i]!) >> shift;
  return out;
}

/** PALETTE COLOR indices → 8-bit RGB through the red/green/blue LUTs of the data set. */
export function paletteToRgb(ds: dicomParser.DataSet, indices: Samples, signed: boolean): Uint8Array {
  const luts = ['1', '2', '3'].map((c) => readLut(ds, c, signed));
  const out = new Uint8Array(indices.length * 3);
  for (let i = 0; i < indices.length; i++) {
    for (let c = 0; c < 3; c++) {
      const lut = luts[c]!;
      const at = Math.min(Math.max(indices[i]! - lut.first, 0), lut.data.length - 1);
      out[3 * i + c] = lut.data[at]! >> lut.shift;
    }
  }
  return out;
}

function readLut(ds: dicomParser.DataSet, c: string, signed: boolean): { first: number; shift: number; data: Uint16Array | Uint8Array } {
  const descTag = `x0028110${c}`;
  const dataTag = `x0028120${c}`;
  const desc = ds.elements[descTag];
  const el = ds.elements[dataTag];
  if (!desc || !el) throw new Error('PALETTE COLOR image without its lookup tables (0028,110x/120x)');
  const entries = ds.uint16(descTag, 0) || 65536;
  // The first mapped value is SS for signed pixels, US otherwise.
  const first = (signed ? ds.int16(descTag, 1) : ds.uint16(descTag, 1)) ?? 0;
  const bits = ds.uint16(descTag, 2) ?? 16;
  const data = new Uint16Array(entries);
  const words = Math.min(entries, el.length >> 1);
  if (bits === 8 && el.length === entries) {
    for (let i = 0; i < entries; i++) data[i] = ds.byteArray[el.dataOffset + i]!;
  } else {
    for (let i = 0; i < words; i++) data[i] = ds.uint16(dataTag, i) ?? 0;
  }
  return { first, shift: bits > 8 ? bits - 8 : 0, data };
}
