/**
 * Collapses a C×H×W attribution to one H×W map by summing channels, optionally of absolute values
 * (Captum `Saliency(abs=True)` takes |∂f/∂x| per element before any channel reduction).
 */
export function reduceChannels(attr: ArrayLike<number>, channels: number, height: number, width: number, abs: boolean): Float32Array {
  const plane = height * width;
  if (attr.length !== channels * plane) throw new Error(`saliency: attribution has ${attr.length} values, expected ${channels}×${height}×${width}`);
  const out = new Float32Array(plane);
  for (let c = 0; c < channels; c++) {
    for (let i = 0; i < plane; i++) {
      const v = attr[c * plane + i];
      out[i] += abs ? Math.abs(v) : v;
    }
  }
  return out;
}
