/**
 * The optional hybrid of a generator fake and a white-box attack: PGD (Madry et al. 2018) that
 * starts from the generated image and may only touch the edited region, pushing the model's call
 * toward `target`. The L∞ budget `eps` (normalised display units) is measured from the generated
 * image, not the original; the result is quantised to stored integers like every attack, so pixels
 * outside the region keep their stored values bit for bit.
 */
import type { AttackSpace } from '../attacks/attackSpace';
import type { Objective } from '../attacks/objective';
import { Rng } from '../attacks/rng';

/** Settings of {@link refineInRegion}. */
export interface RefineSettings {
  /** L∞ budget around the generated image, normalised display units. */
  eps: number;
  steps: number;
  seed: number;
  /** Class the call is pushed toward. */
  target: number;
  signal?: AbortSignal;
  onStep?: (done: number, total: number) => void;
}

/**
 * Runs the region-restricted PGD in `space` (whose x0 is the generated image); `region` marks the
 * pixels it may change (1) per native pixel. Returns the quantised stored values.
 */
export async function refineInRegion(objective: Objective, space: AttackSpace, region: Uint8Array, s: RefineSettings): Promise<Float64Array> {
  if (region.length !== space.x0.length) throw new Error(`refine: the region mask has ${region.length} pixels, the image ${space.x0.length}`);
  const rng = new Rng(s.seed);
  const alpha = (2.5 * s.eps) / s.steps;
  const clip = (u: Float32Array, i: number, v: number) => {
    const lo = Math.max(space.lower[i]!, space.x0[i]! - s.eps);
    const hi = Math.min(space.upper[i]!, space.x0[i]! + s.eps);
    u[i] = Math.min(hi, Math.max(lo, v));
  };
  const u = Float32Array.from(space.x0);
  for (let i = 0; i < u.length; i++) if (region[i]) clip(u, i, u[i]! + (2 * rng.uniform() - 1) * s.eps);
  for (let k = 0; k < s.steps; k++) {
    s.signal?.throwIfAborted();
    const e = await objective.evaluate(space.toModelInput(u), { kind: 'ce', label: s.target });
    const g = space.backward(e.grad, u);
    // Descend the cross-entropy to the target class, inside the region only.
    for (let i = 0; i < u.length; i++) if (region[i]) clip(u, i, u[i]! - alpha * Math.sign(g[i]!));
    s.onStep?.(k + 1, s.steps);
  }
  return space.quantise(u, s.eps, 'linf').stored;
}
