/**
 * The one PNG encoder (ISO/IEC 15948, W3C PNG 2nd ed.) with node:zlib: grey or RGB, 8 or 16 bits per
 * sample, non-interlaced, filter None, one IDAT. Decoding lives with the engine's image input
 * (electron/engine/io/png).
 */
import { crc32, deflateSync } from 'node:zlib';

/** A PNG image: interleaved samples (RGBRGB… for 3 channels), values 0…2^bitDepth − 1. */
export interface PngImage {
  width: number;
  height: number;
  channels: 1 | 3;
  bitDepth: 8 | 16;
  data: Uint8Array | Uint16Array;
}

/** The 8 bytes every PNG file starts with. */
export const PNG_SIGNATURE: readonly number[] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

/** Encodes a grey or RGB image (interleaved) as a non-interlaced PNG at 8 or 16 bits per sample, filter None. */
export function encodePng(image: PngImage): Uint8Array {
  const { width, height, channels, bitDepth, data } = image;
  if (data.length !== width * height * channels) throw new Error(`cannot write PNG: ${width}×${height}×${channels} needs ${width * height * channels} samples, got ${data.length}`);
  const bytesPer = bitDepth / 8;
  const stride = width * channels * bytesPer;
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    for (let i = 0; i < width * channels; i++) {
      const v = data[y * width * channels + i];
      const o = y * (stride + 1) + 1 + i * bytesPer;
      if (bitDepth === 16) {
        raw[o] = v >> 8;
        raw[o + 1] = v & 0xff;
      } else raw[o] = v;
    }
  }
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr[8] = bitDepth;
  ihdr[9] = channels === 1 ? 0 : 2;
  const parts = [Uint8Array.from(PNG_SIGNATURE), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))];
  return Buffer.concat(parts);
}
