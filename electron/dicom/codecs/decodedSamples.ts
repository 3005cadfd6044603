/** What every codec returns: integer samples of one frame, before masking to Bits Stored. */
export interface DecodedSamples {
  width: number;
  height: number;
  components: number;
  /** Sample values, pixel-interleaved when `components` is 3 unless `planar` is true. */
  samples: Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;
  planar: boolean;
}

/** Views little-endian decoded bytes as samples of the given width (8, 16 or 32 bits). */
export function viewSamples(bytes: Uint8Array, bits: number, signed: boolean): DecodedSamples['samples'] {
  const copy = bytes.slice();
  if (bits <= 8) return signed ? new Int8Array(copy.buffer) : copy;
  if (bits <= 16) return signed ? new Int16Array(copy.buffer, 0, copy.length >> 1) : new Uint16Array(copy.buffer, 0, copy.length >> 1);
  return signed ? new Int32Array(copy.buffer, 0, copy.length >> 2) : new Uint32Array(copy.buffer, 0, copy.length >> 2);
}
