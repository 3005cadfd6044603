/**
 * Bilinear resize of a single-channel row-major map, with the half-pixel convention of
 * PyTorch `F.interpolate(mode='bilinear', align_corners=False)` (and ONNX Resize
 * `half_pixel`, clamped at the borders) — what PaDiM uses to bring feature-map scores to image size.
 *
 * @param src map of inHeight × inWidth values (any unit)
 * @returns map of outHeight × outWidth values in the same unit
 */
export function upsampleBilinear(src: ArrayLike<number>, inWidth: number, inHeight: number, outWidth: number, outHeight: number): Float32Array {
  if (src.length !== inWidth * inHeight) {
    throw new Error(`Bilinear resize: map has ${src.length} values, expected ${inHeight}×${inWidth}.`);
  }
  const out = new Float32Array(outWidth * outHeight);
  const sx = inWidth / outWidth;
  const sy = inHeight / outHeight;
  for (let y = 0; y < outHeight; y++) {
    const fy = Math.max(0, (y + 0.5) * sy - 0.5);
    const y0 = Math.min(Math.floor(fy), inHeight - 1);
    const y1 = Math.min(y0 + 1, inHeight - 1);
    const wy = fy - y0;
    for (let x = 0; x < outWidth; x++) {
      const fx = Math.max(0, (x + 0.5) * sx - 0.5);
      const x0 = Math.min(Math.floor(fx), inWidth - 1);
      const x1 = Math.min(x0 + 1, inWidth - 1);
      const wx = fx - x0;
      const top = src[y0 * inWidth + x0] * (1 - wx) + src[y0 * inWidth + x1] * wx;
      const bottom = src[y1 * inWidth + x0] * (1 - wx) + src[y1 * inWidth + x1] * wx;
      out[y * outWidth + x] = top * (1 - wy) + bottom * wy;
    }
  }
  return out;
}
