import { checkPlanarImage, type PlanarImage } from './planarImage';

/**
 * Bit-depth reduction (Xu et al. 2018 squeezer, EvadeML-Zoo `reduce_precision_np`):
 * x ↦ rint(x·(2ᵇ − 1)) / (2ᵇ − 1), rounding half to even as NumPy's `rint`, after clamping to [0, 1].
 *
 * @param image display-range image, values in [0, 1]
 * @param bits target depth b, 1…16
 */
export function bitDepthReduce(image: PlanarImage, bits: number): PlanarImage {
  checkPlanarImage(image);
  if (!Number.isInteger(bits) || bits < 1 || bits > 16) throw new Error(`Bit depth must be an integer from 1 to 16, got ${bits}.`);
  const levels = 2 ** bits - 1;
  const out = new Float32Array(image.data.length);
  for (let i = 0; i < out.length; i++) {
    const v = Math.min(1, Math.max(0, image.data[i]));
    out[i] = roundHalfEven(v * levels) / levels;
  }
  return { ...image, data: out };
}

function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
