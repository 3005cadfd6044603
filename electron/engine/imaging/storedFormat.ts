/**
 * The stored-pixel format of a DICOM image (Bits Stored (0028,0101), Pixel Representation (0028,0103),
 * Rescale Slope/Intercept (0028,1053)/(0028,1052)) and the conversions an attack result goes through
 * on its way back into a file.
 */
export interface StoredFormat {
  bitsStored: number;
  /** 0 = unsigned, 1 = two's complement */
  pixelRepresentation: 0 | 1;
  rescaleSlope: number;
  rescaleIntercept: number;
}

/** The valid stored-value range [min, max] of a format (e.g. 12-bit unsigned → [0, 4095]). */
export function storedRange(format: StoredFormat): [number, number] {
  const b = format.bitsStored;
  if (!(Number.isInteger(b) && b >= 1 && b <= 32)) throw new Error(`Bits Stored must be 1–32, got ${b}`);
  return format.pixelRepresentation === 1 ? [-(2 ** (b - 1)), 2 ** (b - 1) - 1] : [0, 2 ** b - 1];
}

/** Stored values → modality values (stored · slope + intercept). */
export function storedToModality(stored: ArrayLike<number>, format: StoredFormat): Float32Array {
  const { rescaleSlope: m, rescaleIntercept: b } = format;
  return Float32Array.from(stored, (s) => s * m + b);
}

/**
 * Modality values → stored integers: round((v − intercept)/slope) to nearest, clamped to the
 * format's valid range. Returns the values in a Float64Array (exact for every integer up to 32 bits).
 */
export function modalityToStored(modality: ArrayLike<number>, format: StoredFormat): Float64Array {
  const { rescaleSlope: m, rescaleIntercept: b } = format;
  if (!(m !== 0 && Number.isFinite(m))) throw new Error(`Rescale Slope must be finite and non-zero, got ${m}`);
  const [lo, hi] = storedRange(format);
  return Float64Array.from(modality, (v) => Math.min(hi, Math.max(lo, Math.round((v - b) / m))));
}
