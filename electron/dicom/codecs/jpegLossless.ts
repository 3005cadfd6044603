/** JPEG Lossless (Process 14, any predictor, 2–16 bits) through jpeg-lossless-decoder-js. */
import { Decoder } from 'jpeg-lossless-decoder-js';
import type { DecodedSamples } from './decodedSamples';

/** Decodes one JPEG Lossless frame; samples are interleaved for colour. */
export function decodeJpegLossless(encoded: Uint8Array, rows: number, columns: number, components: number, bitsAllocated: number, signed: boolean): DecodedSamples {
  const copy = new Uint8Array(encoded); // own ArrayBuffer, offset 0
  const decoder = new Decoder();
  const bytes = bitsAllocated <= 8 ? 1 : 2;
  const out = decoder.decode(copy.buffer, 0, copy.length, bytes) as Uint8Array | Uint16Array;
  const expected = rows * columns * components;
  if (!out || out.length < expected) throw new Error(`JPEG Lossless stream holds ${out?.length ?? 0} samples, expected ${expected}`);
  let samples: DecodedSamples['samples'] = out.length === expected ? out : out.subarray(0, expected);
  if (signed) samples = bytes === 1 ? new Int8Array(samples.buffer, samples.byteOffset, expected) : new Int16Array(samples.buffer, samples.byteOffset, expected);
  return { width: columns, height: rows, components, samples, planar: false };
}
