/**
 * Where a generator's patch lies in the native image and how its pixels travel between native and
 * model resolution. A patch-mode box is patchSize·scale native pixels square with the clicked pixel
 * at its centre (columns col − S/2 … col + S/2 − 1); an image-mode box is the whole image. Parts of a
 * box beyond the image edge read the nearest edge pixel. Resampling uses the engine's resize matrices
 * (antialiased triangle filter when shrinking, bilinear half-pixel when enlarging).
 */
import type { GeneratorSpec } from '../../shared/generatorMetadata';
import { resampleMatrix, resizePlane } from '../imaging/resampleMatrix';

/** A rectangle of native pixels: top-left corner (may be negative) and size. */
export interface NativeBox {
  x0: number;
  y0: number;
  width: number;
  height: number;
}

/** The box the generator reads around native pixel (col, row) of a width × height image. */
export function patchBox(spec: Pick<GeneratorSpec, 'mode' | 'patchSize' | 'scale'>, width: number, height: number, col: number, row: number): NativeBox {
  if (spec.mode === 'image') return { x0: 0, y0: 0, width, height };
  const side = Math.max(1, Math.round(spec.patchSize * spec.scale));
  return { x0: col - Math.floor(side / 2), y0: row - Math.floor(side / 2), width: side, height: side };
}

/** The box's pixels of `plane` (row-major, width × height), edge pixels repeated outside the image. */
export function cropBox(plane: ArrayLike<number>, width: number, height: number, box: NativeBox): Float64Array {
  const out = new Float64Array(box.width * box.height);
  for (let y = 0; y < box.height; y++) {
    const sy = Math.min(height - 1, Math.max(0, box.y0 + y));
    for (let x = 0; x < box.width; x++) {
      const sx = Math.min(width - 1, Math.max(0, box.x0 + x));
      out[y * box.width + x] = plane[sy * width + sx]!;
    }
  }
  return out;
}

/** Resizes a box-sized plane to the model's size × size. */
export function toModelResolution(values: ArrayLike<number>, box: NativeBox, size: number): Float64Array {
  return resizePlane(Float64Array.from(values), resampleMatrix(box.height, size), resampleMatrix(box.width, size));
}

/** Resizes a size × size model plane back to the box's native size. */
export function toNativeResolution(values: ArrayLike<number>, box: NativeBox, size: number): Float64Array {
  return resizePlane(Float64Array.from(values), resampleMatrix(size, box.height), resampleMatrix(size, box.width));
}

/** The mask disc of `radius` model pixels at the centre of a size × size patch: 1 inside, 0 outside. */
export function centreMask(size: number, radius: number): Float32Array {
  const c = (size - 1) / 2;
  return Float32Array.from({ length: size * size }, (_, i) => (Math.hypot((i % size) - c, Math.floor(i / size) - c) <= radius ? 1 : 0));
}
