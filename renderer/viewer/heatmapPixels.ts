/**
 * Pure pixel logic of the heatmap layers (saliency, suspicion) and of the perturbation view:
 * colormaps, min–max normalisation with a threshold, and the diverging map of signed differences.
 * Lunit insight-viewer's design: below the threshold a pixel is fully transparent; above it
 * t = (p − th)/(1 − th) picks the colour and scales the alpha.
 */

/** Colormaps a heatmap can use. */
export type ColormapName = 'jet' | 'hot' | 'gray';

/** Every colormap, in menu order. */
export const COLORMAPS: readonly ColormapName[] = ['jet', 'hot', 'gray'];

/** RGB (0–255 each) of `t` ∈ [0, 1] (clamped) in colormap `name`. */
export function colormapRgb(name: ColormapName, t: number): [number, number, number] {
  const x = Math.min(Math.max(Number.isFinite(t) ? t : 0, 0), 1);
  const c = (v: number) => Math.round(255 * Math.min(Math.max(v, 0), 1));
  switch (name) {
    case 'jet':
      // MATLAB jet: piecewise-linear blue → cyan → yellow → red.
      return [c(1.5 - Math.abs(4 * x - 3)), c(1.5 - Math.abs(4 * x - 2)), c(1.5 - Math.abs(4 * x - 1))];
    case 'hot':
      return [c(3 * x), c(3 * x - 1), c(3 * x - 2)];
    case 'gray':
      return [c(x), c(x), c(x)];
  }
}

/** How a map is drawn. `opacity` and `threshold` are fractions in [0, 1]. */
export interface HeatmapStyle {
  colormap: ColormapName;
  opacity: number;
  /** Fraction of the min–max normalised map below which pixels are transparent. */
  threshold: number;
}

/** Min and max of the finite values of `map` (0, 0 when none is finite). */
export function finiteRange(map: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < map.length; i++) {
    const v = map[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : { min: 0, max: 0 };
}

/**
 * RGBA bytes (row-major, 4 per pixel) of a unitless map: min–max normalised to p ∈ [0, 1]; p below
 * `threshold` (or non-finite) → alpha 0; otherwise t = (p − th)/(1 − th) gives the colour and
 * alpha = round(255 · opacity · (0.25 + 0.75 t)), so faint attributions stay faint. A constant map
 * draws nothing (it says nothing about where the model looks).
 */
export function heatmapRgba(map: ArrayLike<number>, style: HeatmapStyle): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(map.length * 4);
  const { min, max } = finiteRange(map);
  const span = max - min;
  if (!(span > 0)) return out;
  const th = Math.min(Math.max(style.threshold, 0), 1);
  const opacity = Math.min(Math.max(style.opacity, 0), 1);
  for (let i = 0; i < map.length; i++) {
    const v = map[i];
    if (!Number.isFinite(v)) continue;
    const p = (v - min) / span;
    if (p < th || (th === 1 && p < 1)) continue;
    const t = th < 1 ? (p - th) / (1 - th) : 1;
    const [r, g, b] = colormapRgb(style.colormap, t);
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = Math.round(255 * opacity * (0.25 + 0.75 * t));
  }
  return out;
}

/**
 * RGB of a signed value on a diverging blue–white–red map: `s` ∈ [−1, 1] (clamped); −1 → pure blue,
 * 0 → white, +1 → pure red.
 */
export function divergingRgb(s: number): [number, number, number] {
  const x = Math.min(Math.max(Number.isFinite(s) ? s : 0, -1), 1);
  const fade = Math.round(255 * (1 - Math.abs(x)));
  return x >= 0 ? [255, fade, fade] : [fade, fade, 255];
}

/**
 * RGBA bytes of a perturbation amplified ×`gain`: `delta` in stored values (one per pixel, or
 * `channels` interleaved, averaged), divided by `dataRange` (stored values per normalised unit) and
 * multiplied by `gain`, so the colour saturates at |δ| = dataRange / gain.
 */
export function perturbationRgba(delta: ArrayLike<number>, channels: number, dataRange: number, gain: number): Uint8ClampedArray<ArrayBuffer> {
  if (!(channels >= 1) || delta.length % channels !== 0) throw new Error(`perturbation of ${delta.length} values does not split into ${channels} channels`);
  if (!(dataRange > 0) || !(gain > 0)) throw new Error('perturbation: data range and gain must be positive');
  const n = delta.length / channels;
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += delta[i * channels + c];
    const [r, g, b] = divergingRgb(((sum / channels) * gain) / dataRange);
    out.set([r, g, b, 255], i * 4);
  }
  return out;
}
