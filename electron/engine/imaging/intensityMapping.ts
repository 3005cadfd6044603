/**
 * How modality values (stored·slope + intercept: HU for CT, raw detector values for CR/DX…) become
 * the intensity a model expects. The values [lo, hi] map linearly onto [0, 1] — the "normalised
 * display range" in which attack budgets are stated — and then onto the model's range.
 */
export type IntensityMappingSpec =
  /** A window of `width` modality units centred on `center`: lo = center − width/2, hi = center + width/2. */
  | { kind: 'window'; center: number; width: number }
  /** min–max: lo/hi given, or taken from the image itself when omitted. */
  | { kind: 'minmax'; min?: number; max?: number };

/** A mapping resolved for one image: modality units lo…hi ↦ normalised 0…1 ↦ model units outMin…outMax. */
export interface IntensityMapping {
  /** modality value shown as 0 (normalised) */
  lo: number;
  /** modality value shown as 1 (normalised) */
  hi: number;
  /** model-input value for normalised 0, e.g. 0 or −1024 (TorchXRayVision) */
  outMin: number;
  /** model-input value for normalised 1, e.g. 1 or 1024 */
  outMax: number;
  /** MONOCHROME1 (white = low values): hi maps to 0 and lo to 1, so the model sees MONOCHROME2. */
  invert?: boolean;
}

/**
 * Resolves a mapping spec for one image (modality units); `invert` for MONOCHROME1 images. min–max without bounds uses the image's own
 * extremes; a flat image or a non-positive window width is refused with the reason.
 */
export function resolveIntensityMapping(
  spec: IntensityMappingSpec,
  image: ArrayLike<number>,
  outRange: readonly [number, number] = [0, 1],
  invert = false,
): IntensityMapping {
  let lo: number;
  let hi: number;
  if (spec.kind === 'window') {
    if (!(spec.width > 0)) throw new Error(`intensity window width must be positive, got ${spec.width}`);
    lo = spec.center - spec.width / 2;
    hi = spec.center + spec.width / 2;
  } else {
    let mn = Infinity;
    let mx = -Infinity;
    if (spec.min === undefined || spec.max === undefined) {
      for (let i = 0; i < image.length; i++) {
        const v = image[i];
        if (Number.isNaN(v)) throw new Error(`image has NaN at index ${i}; cannot map its intensities`);
        if (v < mn) mn = v;
        if (v > mx) mx = v;
      }
    }
    lo = spec.min ?? mn;
    hi = spec.max ?? mx;
    if (!(hi > lo)) throw new Error(`min–max intensity mapping needs max > min; the image spans ${lo} … ${hi} (flat image?)`);
  }
  if (!(outRange[1] > outRange[0])) throw new Error(`model intensity range must be increasing, got [${outRange.join(', ')}]`);
  return invert ? { lo, hi, outMin: outRange[0], outMax: outRange[1], invert } : { lo, hi, outMin: outRange[0], outMax: outRange[1] };
}
