/**
 * Labelled phantom sets for training and evaluating the demo models. Seed ranges are disjoint, so
 * a held-out set never shares an image with training: training 1…, validation 1 000 001…, the
 * fresh re-check set 2 000 001…, the demo study 900 000…. A seed's label is its parity (odd = nodule
 * present), balanced in any contiguous range; training sets may instead pair each anatomy with and without a nodule.
 */
import { Pipeline } from '../imaging/pipeline';
import { generateChestPhantom } from './chestPhantom';
import type { Nodule } from './nodules';

/** First seed of each split. */
export const SPLITS = { train: 1, validation: 1_000_001, recheck: 2_000_001 } as const;

/** Window of the demo models, stored units: centre 2048, width 4096 (the whole 12-bit range → [0, 1]). */
export const DEMO_WINDOW = { center: 2048, width: 4096 } as const;
/** Side of the phantoms the sets are made from, pixels. */
export const PHANTOM_SIZE = 512;

/** Images already in model-input space, stacked [N, 1, side, side], with labels and lung masks. */
export interface PhantomSet {
  side: number;
  count: number;
  /** Model inputs in [0, 1], N × side × side. */
  inputs: Float32Array;
  /** 1 = nodule present. */
  labels: Int32Array;
  /** Lung masks at model resolution (nearest of the 512 mask at the pixel centre), N × side × side. */
  masks: Uint8Array;
  seeds: number[];
  /** Nodules of each image, in pixels of the 512 × 512 phantom. */
  nodules: Nodule[][];
  /** 2 when images come in with/without-nodule twins (keep them in one batch), else 1. */
  group: 1 | 2;
}

/** Whether the phantom with this seed carries a nodule. */
export function hasNodule(seed: number): boolean {
  return seed % 2 === 1;
}

/** The engine's pixel pipeline the demo models' metadata describes (window → [0, 1] → antialiased resize). */
export function demoPipeline(side: number): Pipeline {
  const lo = DEMO_WINDOW.center - DEMO_WINDOW.width / 2;
  return new Pipeline({
    nativeWidth: PHANTOM_SIZE,
    nativeHeight: PHANTOM_SIZE,
    nativeChannels: 1,
    inputWidth: side,
    inputHeight: side,
    inputChannels: 1,
    mapping: { lo, hi: lo + DEMO_WINDOW.width, outMin: 0, outMax: 1 },
  });
}

/**
 * Generates `count` phantoms from seed `first` on and prepares them at `side` × `side`.
 * With `paired`, images come in twins: the same anatomy and noise (seed first + ⌊i/2⌋) without and
 * with a nodule, labels 0 and 1, so a batch of whole pairs differs only by the nodules.
 * `pipeline` (default: the demo window and an antialiased resize to `side`) prepares each image.
 * @param onProgress called after each image with the number done.
 */
export function makePhantomSet(
  first: number,
  count: number,
  side: number,
  options: { paired?: boolean; pipeline?: Pipeline; onProgress?: (done: number) => void } = {},
): PhantomSet {
  const pipe = options.pipeline ?? demoPipeline(side);
  if (pipe.inputSize !== side * side) throw new Error(`phantom set: the pipeline makes ${pipe.inputSize} values per image, expected ${side}×${side}`);
  const plane = side * side;
  const set: PhantomSet = {
    side,
    count,
    inputs: new Float32Array(count * plane),
    labels: new Int32Array(count),
    masks: new Uint8Array(count * plane),
    seeds: [],
    nodules: [],
    group: options.paired ? 2 : 1,
  };
  const step = PHANTOM_SIZE / side;
  for (let i = 0; i < count; i++) {
    const seed = options.paired ? first + Math.floor(i / 2) : first + i;
    const label = options.paired ? i % 2 : hasNodule(seed) ? 1 : 0;
    const p = generateChestPhantom(seed, { size: PHANTOM_SIZE, nodules: label });
    set.inputs.set(pipe.forward(p.pixels), i * plane);
    set.labels[i] = label;
    for (let y = 0; y < side; y++) {
      const sy = Math.min(PHANTOM_SIZE - 1, Math.floor((y + 0.5) * step));
      for (let x = 0; x < side; x++) {
        set.masks[i * plane + y * side + x] = p.lungMask[sy * PHANTOM_SIZE + Math.min(PHANTOM_SIZE - 1, Math.floor((x + 0.5) * step))];
      }
    }
    set.seeds.push(seed);
    set.nodules.push(p.nodules);
    options.onProgress?.(i + 1);
  }
  return set;
}

/**
 * Per-cell nodule labels for an evidence map of `cells` × `cells` over the phantom: a cell is 1 when
 * its centre lies within the nodule radius plus half a cell of a nodule centre. N × cells × cells.
 */
export function noduleCellLabels(set: PhantomSet, cells: number): Int32Array {
  const out = new Int32Array(set.count * cells * cells);
  const cell = PHANTOM_SIZE / cells;
  set.nodules.forEach((list, i) => {
    for (const nod of list) {
      for (let cy = 0; cy < cells; cy++) {
        for (let cx = 0; cx < cells; cx++) {
          if (Math.hypot((cx + 0.5) * cell - nod.x, (cy + 0.5) * cell - nod.y) <= nod.radius + cell / 2) out[i * cells * cells + cy * cells + cx] = 1;
        }
      }
    }
  });
  return out;
}
