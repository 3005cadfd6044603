/** The modality LUT as a linear rescale (PS3.3 C.11.1): modality value = slope × stored + intercept. */
import type { FrameMeta } from '../shared/studyTypes';
import type { StoredPixels } from './decodeFrame';

/**
 * Stored values → modality values (e.g. Hounsfield units for CT) as float32. Colour frames
 * (Samples per Pixel 3) have no modality LUT: their samples are returned unchanged as float32.
 */
export function toModality(stored: StoredPixels, meta: Pick<FrameMeta, 'rescaleSlope' | 'rescaleIntercept' | 'samplesPerPixel'>): Float32Array {
  const out = new Float32Array(stored.length);
  if (meta.samplesPerPixel !== 1) {
    out.set(stored);
    return out;
  }
  const { rescaleSlope: m, rescaleIntercept: b } = meta;
  for (let i = 0; i < stored.length; i++) out[i] = m * stored[i]! + b;
  return out;
}
