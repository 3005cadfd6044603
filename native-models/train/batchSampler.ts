/**
 * Mini-batch sampling for training: a seeded shuffle of the data set, reshuffled each epoch, that
 * keeps groups of consecutive images together (with/without-nodule twins share a batch).
 */
import { Rng } from '../../electron/engine/phantoms/random';

/** Draws image indices epoch by epoch, `group` consecutive images at a time. */
export class BatchSampler {
  private order: number[] = [];

  /**
   * @param count images in the set; @param group images that stay together (count and every batch
   *   must be multiples of it); @param rng the seeded source of the shuffles.
   */
  constructor(
    private readonly count: number,
    private readonly group: number,
    private readonly rng: Rng,
  ) {
    if (count % group) throw new Error(`training: images (${count}) must be a multiple of the group size ${group}`);
  }

  /** The indices of the next batch of `batch` images (a multiple of the group size). */
  nextBatch(batch: number): number[] {
    if (batch % this.group) throw new Error(`training: batch (${batch}) must be a multiple of the group size ${this.group}`);
    return Array.from({ length: batch }, () => this.next());
  }

  private next(): number {
    if (this.order.length === 0) {
      const g = this.count / this.group;
      const a = Array.from({ length: g }, (_, i) => i);
      for (let i = g - 1; i > 0; i--) {
        const j = this.rng.int(0, i);
        [a[i], a[j]] = [a[j], a[i]];
      }
      this.order = a.flatMap((k) => Array.from({ length: this.group }, (_, m) => k * this.group + this.group - 1 - m));
    }
    return this.order.pop() as number;
  }
}

/** Copies items `indices` (each `size` values) of `src` one after another into `out`. */
export function gather<T extends Float32Array | Int32Array>(src: T, indices: readonly number[], size: number, out: T): void {
  indices.forEach((i, b) => out.set(src.subarray(i * size, (i + 1) * size), b * size));
}
