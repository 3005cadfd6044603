import { softmaxAt } from './losses';
import type { AttackLoss } from './objective';

/**
 * What an attack is trying to do: move away from the model's own decision (untargeted) or towards a
 * target (targeted). `label`/`target` are class indices, or per-pixel label maps for segmentation.
 */
export interface AttackGoal {
  /** The decision on the clean image (argmax, or the argmax map). */
  label: number | Int32Array;
  /** The class (or map) to reach; absent for untargeted attacks. */
  target?: number | Int32Array;
  /** Segmentation loss; per-pixel cross-entropy unless 'dice'. */
  segLoss?: 'ce' | 'dice';
  /**
   * Multi-label models (independent sigmoid per class): the attack is on finding `index` alone;
   * `label` is its clean decision (1 when z > 0, else 0) and `target` the decision wanted
   * (default: the other one).
   */
  multilabel?: { index: number };
}

/** The decision a multi-label goal wants for its finding: `target`, else the flip of `label`. */
function wantedFinding(goal: AttackGoal): number {
  return typeof goal.target === 'number' ? goal.target : 1 - (goal.label as number);
}

/**
 * The loss an attack follows and the direction: +1 to ascend (untargeted: move away from `label`),
 * −1 to descend (targeted: towards `target`).
 */
export function goalLoss(goal: AttackGoal): { loss: AttackLoss; sign: 1 | -1 } {
  if (goal.multilabel) return { loss: { kind: 'logit', index: goal.multilabel.index }, sign: wantedFinding(goal) === 1 ? 1 : -1 };
  const towards = goal.target ?? goal.label;
  const sign = goal.target === undefined ? 1 : -1;
  if (typeof towards === 'number') return { loss: { kind: 'ce', label: towards }, sign };
  return { loss: goal.segLoss === 'dice' ? { kind: 'dice', labels: towards } : { kind: 'segCE', labels: towards }, sign };
}

/** Argmax over the class axis: a class index ([K] logits) or a label map ([K, H, W] logits). */
export function decide(logits: Float32Array, shape: readonly number[]): number | Int32Array {
  const k = shape[0];
  const pixels = logits.length / k;
  const map = new Int32Array(pixels);
  for (let px = 0; px < pixels; px++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (logits[c * pixels + px] > logits[best * pixels + px]) best = c;
    map[px] = best;
  }
  return shape.length === 1 ? map[0] : map;
}

/** Fraction of pixels on which two label maps agree (1 for equal class indices). */
export function agreement(a: number | Int32Array, b: number | Int32Array): number {
  if (typeof a === 'number' || typeof b === 'number') return a === b ? 1 : 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * Whether logits meet the goal. Multi-label: the finding's decision (z > 0) is the wanted one. Classification: argmax ≠ label (untargeted) or = target (targeted).
 * Segmentation: fewer than half the pixels keep their label (untargeted), or at least 90 % match
 * the target map (targeted).
 */
export function goalReached(logits: Float32Array, shape: readonly number[], goal: AttackGoal): boolean {
  if (goal.multilabel) return (logits[goal.multilabel.index] > 0 ? 1 : 0) === wantedFinding(goal);
  const d = decide(logits, shape);
  if (goal.target !== undefined) return typeof d === 'number' ? d === goal.target : agreement(d, goal.target) >= 0.9;
  return typeof d === 'number' ? d !== goal.label : agreement(d, goal.label) < 0.5;
}

/** Softmax probabilities over the class axis ([K] or [K, H, W] layout kept). */
export function probabilities(logits: Float32Array, shape: readonly number[]): Float32Array {
  const k = shape[0];
  const pixels = logits.length / k;
  const out = new Float32Array(logits.length);
  for (let px = 0; px < pixels; px++) {
    const p = softmaxAt(logits, k, pixels, px);
    for (let c = 0; c < k; c++) out[c * pixels + px] = p[c];
  }
  return out;
}
