/** The perturbation of one attack for the compare view: attacked − original, in stored units, from the two indexed files. */
import type { PixelDtype } from '../../shared/studyTypes';
import type { AttackRecord } from '../../shared/labTypes';
import { ApiError } from '../apiError';
import type { FrameStore } from '../studies/frameStore';

/** The difference image. `data` is row-major (interleaved for colour), in stored pixel values. */
export interface Perturbation {
  attackId: string;
  width: number;
  height: number;
  channels: number;
  /** Stored values per normalised unit: divide `data` by it for normalised units. */
  dataRange: number;
  /** max |data| in stored units (the symmetric range of a diverging colormap). */
  maxAbs: number;
  data: Float32Array;
}

const VIEWS: Record<PixelDtype, (b: ArrayBuffer, o: number, n: number) => ArrayLike<number>> = {
  uint8: (b, o, n) => new Uint8Array(b, o, n),
  int8: (b, o, n) => new Int8Array(b, o, n),
  uint16: (b, o, n) => new Uint16Array(b, o, n),
  int16: (b, o, n) => new Int16Array(b, o, n),
  uint32: (b, o, n) => new Uint32Array(b, o, n),
  int32: (b, o, n) => new Int32Array(b, o, n),
  float32: (b, o, n) => new Float32Array(b, o, n),
};

/** Typed view of a frame's little-endian bytes (copied when misaligned). */
function values(bytes: Uint8Array, dtype: PixelDtype, count: number): ArrayLike<number> {
  const width = bytes.length / Math.max(1, count);
  const aligned = bytes.byteOffset % width === 0 ? bytes : bytes.slice();
  return VIEWS[dtype](aligned.buffer as ArrayBuffer, aligned.byteOffset, count);
}

/** Reads both frames and subtracts. @throws ApiError when the two images differ in size (they never should). */
export async function perturbationOf(frames: FrameStore, record: AttackRecord): Promise<Perturbation> {
  const [a, b] = await Promise.all([frames.pixels(record.sourceImageId), frames.pixels(record.derived.imageId)]);
  const { rows, columns, samplesPerPixel } = a.meta;
  const n = rows * columns * samplesPerPixel;
  if (b.meta.rows !== rows || b.meta.columns !== columns || b.meta.samplesPerPixel !== samplesPerPixel) {
    throw new ApiError('failed', `The attacked image is ${b.meta.columns}×${b.meta.rows}, the original ${columns}×${rows}; they cannot be compared.`);
  }
  const x = values(a.data, a.meta.dtype, n);
  const y = values(b.data, b.meta.dtype, n);
  const data = new Float32Array(n);
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const d = y[i]! - x[i]!;
    data[i] = d;
    if (Math.abs(d) > maxAbs) maxAbs = Math.abs(d);
  }
  return { attackId: record.attackId, width: columns, height: rows, channels: samplesPerPixel, dataRange: record.dataRange, maxAbs, data };
}
