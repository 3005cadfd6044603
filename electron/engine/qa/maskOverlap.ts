/** Reference masks of segmentation QA items and the overlap of a predicted label map with them. */
import { readPng } from '../io/png';

/** A reference mask: one value per pixel of the image (first channel), foreground where > 0. */
export interface ReferenceMask {
  values: Uint8Array;
  width: number;
  height: number;
}

/** Reads a PNG mask and checks it is the size of its image (`width` × `height` pixels). */
export async function readReferenceMask(path: string, width: number, height: number): Promise<ReferenceMask> {
  const png = await readPng(path);
  if (png.width !== width || png.height !== height) throw new Error(`${path}: the mask is ${png.width}×${png.height} pixels but its image is ${width}×${height}.`);
  const values = new Uint8Array(width * height);
  for (let i = 0; i < values.length; i++) values[i] = png.data[i * png.channels] > 0 ? 1 : 0;
  return { values, width, height };
}

/**
 * Dice 2|A∩B|/(|A|+|B|) and IoU |A∩B|/|A∪B| of the foreground (class > 0) of `predicted` against
 * `reference` (0/1), both on the same grid; 1 when both are empty.
 */
export function foregroundOverlap(predicted: Int32Array, reference: Int32Array): { dice: number; iou: number } {
  if (predicted.length !== reference.length) throw new Error(`overlap: ${predicted.length} predicted pixels vs ${reference.length} reference pixels`);
  let inter = 0;
  let a = 0;
  let b = 0;
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i] > 0;
    const r = reference[i] > 0;
    if (p) a++;
    if (r) b++;
    if (p && r) inter++;
  }
  if (a + b === 0) return { dice: 1, iou: 1 };
  return { dice: (2 * inter) / (a + b), iou: inter / (a + b - inter) };
}
