/**
 * Exact before/after phantom pairs for the lesion generators: the phantom generator draws anatomy,
 * texture, nodules and noise from separate seeded streams, so the same seed rendered with and without
 * a nodule differs only where the nodule is (its pixels and, through the intensity-dependent quantum
 * noise, their noise amplitude). Each pair is cut into the generator's patch around the nodule, with
 * the same engine code (patch box, resampling) the paste-back uses at run time.
 */
import { centreMask, cropBox, patchBox, toModelResolution } from '../../electron/engine/fakes/patchBox';
import type { GeneratorSpec } from '../../electron/shared/generatorMetadata';
import { PHANTOM_SIZE } from '../../electron/engine/phantoms/phantomDataset';
import { generateChestPhantom, type ChestPhantom } from '../../electron/engine/phantoms/chestPhantom';
import type { Nodule } from '../../electron/engine/phantoms/nodules';
import { Rng } from '../../electron/engine/phantoms/random';
import type { LesionOperation } from './ganRecipes';

/** One anatomy with and without its nodule. */
export interface PhantomPair {
  seed: number;
  healthy: ChestPhantom;
  sick: ChestPhantom;
  nodule: Nodule;
}

/** Renders the pair of `seed` at the demo size. */
export function phantomPair(seed: number): PhantomPair {
  const healthy = generateChestPhantom(seed, { size: PHANTOM_SIZE, nodules: 0 });
  const sick = generateChestPhantom(seed, { size: PHANTOM_SIZE, nodules: 1 });
  return { seed, healthy, sick, nodule: sick.nodules[0]! };
}

/** Generator training tensors: inputs [N, 2, P, P] (masked patch, mask) and targets [N, 1, P, P], model units. */
export interface PatchSet {
  count: number;
  inputs: Float32Array;
  targets: Float32Array;
}

/** The patch of `phantom` in model units for the box around (col, row). */
export function modelPatch(phantom: ChestPhantom, spec: GeneratorSpec, col: number, row: number): Float64Array {
  const window = spec.intensity;
  if (window.kind !== 'window') throw new Error('the demo generators use a fixed window');
  const { width } = window;
  const lo = window.center - width / 2;
  const n = phantom.size;
  const box = patchBox(spec, n, n, col, row);
  const values = cropBox(phantom.pixels, n, n, box).map((v) => (v - lo) / width);
  return toModelResolution(values, box, spec.patchSize);
}

/**
 * Training patches for both operations from `pairs` anatomies (seeds first…), each also mirrored
 * left–right, rendered once. Insert: healthy context → the nodule patch; remove: nodule context → the
 * healthy patch, its click jittered by up to `jitter` native pixels (seeded by `seed`).
 */
export function lesionPatchSets(spec: GeneratorSpec, first: number, pairs: number, jitter: number, seed: number, onProgress?: (done: number) => void): Record<LesionOperation, PatchSet> {
  const p = spec.patchSize;
  const plane = p * p;
  const mask = centreMask(p, spec.mask.radius);
  const count = 2 * pairs;
  const empty = (): PatchSet => ({ count, inputs: new Float32Array(count * 2 * plane), targets: new Float32Array(count * plane) });
  const sets = { insert: empty(), remove: empty() };
  const rng = new Rng(seed);
  for (let k = 0; k < pairs; k++) {
    const pair = phantomPair(first + k);
    const at = { x: Math.round(pair.nodule.x), y: Math.round(pair.nodule.y) };
    const moved = { x: at.x + (jitter ? rng.int(-jitter, jitter) : 0), y: at.y + (jitter ? rng.int(-jitter, jitter) : 0) };
    const cut = (from: ChestPhantom, to: ChestPhantom, c: { x: number; y: number }, set: PatchSet) => {
      const source = modelPatch(from, spec, c.x, c.y);
      const target = modelPatch(to, spec, c.x, c.y);
      for (const mirror of [false, true]) {
        const i = 2 * k + Number(mirror);
        for (let y = 0; y < p; y++) {
          for (let x = 0; x < p; x++) {
            const src = y * p + (mirror ? p - 1 - x : x);
            const dst = y * p + x;
            set.inputs[i * 2 * plane + dst] = mask[dst] ? spec.mask.fill : source[src]!;
            set.inputs[i * 2 * plane + plane + dst] = mask[dst]!;
            set.targets[i * plane + dst] = target[src]!;
          }
        }
      }
    };
    cut(pair.healthy, pair.sick, at, sets.insert);
    cut(pair.sick, pair.healthy, moved, sets.remove);
    onProgress?.(k + 1);
  }
  return sets;
}
