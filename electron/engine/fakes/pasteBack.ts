/**
 * Paste-back of a generated patch, as CT-GAN does it (Mirsky et al. 2019, §4.3) and then some: the
 * patch, already resized to native resolution and shifted so its context matches the original's local
 * mean, replaces the original with a feathered weight w(r) of the distance r (native pixels) to the
 * click — 1 up to `inner`, a raised cosine down to 0 at `outer` — and the result is quantised to the
 * original's stored integers. Every pixel with w = 0 keeps its original stored value bit for bit.
 *
 * With texture `keep`, only the coarse content is replaced: new = original + w·(generated − coarse),
 * where `coarse` is the original taken through the same down- and up-sampling as the generator's
 * patch, so the original's fine texture (quantum noise, anything finer than the model's pixels)
 * stays. With `replace`, new = original + w·(generated − original).
 */
import { modalityToStored, type StoredFormat } from '../imaging/storedFormat';
import type { NativeBox } from './patchBox';

/** What {@link pasteBack} needs. All planes are modality units. */
export interface PasteBackInput {
  /** The original stored values, row-major width × height (never modified). */
  stored: ArrayLike<number>;
  /** The same pixels in modality units. */
  modality: ArrayLike<number>;
  width: number;
  height: number;
  format: StoredFormat;
  box: NativeBox;
  /** The generated patch at native resolution, box-sized, modality units. */
  generated: ArrayLike<number>;
  /** The original's coarse content at native resolution, box-sized (texture `keep` only). */
  coarse?: ArrayLike<number>;
  /** The click, native pixel column and row. */
  col: number;
  row: number;
  inner: number;
  outer: number;
}

/** Blend weight at distance `r` native pixels from the click. */
export function blendWeight(r: number, inner: number, outer: number): number {
  if (r <= inner) return 1;
  if (r >= outer) return 0;
  return 0.5 * (1 + Math.cos((Math.PI * (r - inner)) / (outer - inner)));
}

/** The edited stored values (a copy) and how many pixels changed value. */
export function pasteBack(p: PasteBackInput): { stored: Float64Array; changed: number } {
  const out = Float64Array.from(p.stored);
  const { box } = p;
  const reach = Math.ceil(p.outer);
  const where: number[] = [];
  const values: number[] = [];
  for (let y = Math.max(0, p.row - reach); y <= Math.min(p.height - 1, p.row + reach); y++) {
    for (let x = Math.max(0, p.col - reach); x <= Math.min(p.width - 1, p.col + reach); x++) {
      const w = blendWeight(Math.hypot(x - p.col, y - p.row), p.inner, p.outer);
      const bx = x - box.x0;
      const by = y - box.y0;
      if (w === 0 || bx < 0 || by < 0 || bx >= box.width || by >= box.height) continue;
      const i = y * p.width + x;
      const j = by * box.width + bx;
      const base = p.coarse ? p.coarse[j]! : p.modality[i]!;
      where.push(i);
      values.push(p.modality[i]! + w * (p.generated[j]! - base));
    }
  }
  const quantised = modalityToStored(values, p.format);
  let changed = 0;
  where.forEach((i, k) => {
    if (quantised[k] !== out[i]) changed += 1;
    out[i] = quantised[k]!;
  });
  return { stored: out, changed };
}
