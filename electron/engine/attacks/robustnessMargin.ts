import { DEFAULT_ATTACK_ID, type AttackId } from '../../shared/attackCatalogue';
import type { AttackSpace } from './attackSpace';
import type { AttackNorm } from './attackTypes';
import type { Objective } from './objective';
import { runAttack } from './runAttack';

/** Result of a robustness-margin search, in the budget's units (normalised). */
export interface MarginResult {
  /** Smallest budget seen to flip the decision (within `tolerance`); null when even maxEps does not. */
  margin: number | null;
  /** Largest budget seen not to flip it. */
  robustUpTo: number;
  /** Every budget tried, in order, and whether it flipped the decision. */
  probes: { eps: number; flipped: boolean }[];
}

/**
 * A per-image robustness margin: the smallest budget that flips the decision, by bisection on
 * [0, maxEps] until the bracket is narrower than `tolerance` (default 1e-3). `flips(eps)` runs the
 * attack (PGD, seeded, re-scored after quantisation) at that budget. Assumes success grows with the
 * budget, which a seeded PGD with enough steps approximates.
 */
export async function robustnessMargin(
  flips: (eps: number) => Promise<boolean>,
  options: { maxEps: number; tolerance?: number; signal?: AbortSignal },
): Promise<MarginResult> {
  const tol = options.tolerance ?? 1e-3;
  if (!(options.maxEps > 0)) throw new Error(`maxEps must be positive, got ${options.maxEps}`);
  if (!(tol > 0)) throw new Error(`tolerance must be positive, got ${tol}`);
  const probes: MarginResult['probes'] = [];
  const probe = async (eps: number): Promise<boolean> => {
    if (options.signal?.aborted) throw new DOMException('margin search cancelled', 'AbortError');
    const flipped = await flips(eps);
    probes.push({ eps, flipped });
    return flipped;
  };
  if (!(await probe(options.maxEps))) return { margin: null, robustUpTo: options.maxEps, probes };
  let lo = 0;
  let hi = options.maxEps;
  while (hi - lo > tol) {
    const mid = (lo + hi) / 2;
    if (await probe(mid)) hi = mid;
    else lo = mid;
  }
  return { margin: hi, robustUpTo: lo, probes };
}

/**
 * The robustness margin of one image as the user sees it (the 'attack.margin' job and `aegis attack
 * --margin`): bisection over a seeded, early-stopping eps-bounded attack (default: the catalogue's
 * default attack), each probe judged after quantisation to stored values. Budgets in normalised units.
 */
export async function imageRobustnessMargin(
  model: Objective,
  space: AttackSpace,
  options: {
    maxEps: number;
    /** An attack eps bounds (see the attack catalogue). */
    method?: AttackId;
    norm?: AttackNorm;
    steps?: number;
    seed?: number;
    tolerance?: number;
    signal?: AbortSignal;
    /** Targeted margin: the smallest budget reaching this class (or label map). */
    target?: number | Int32Array;
    /** Multi-label models: the finding whose decision must flip. */
    multilabelClass?: number;
    /** Called before each probe with how many ran before it and its budget. */
    onProbe?: (done: number, eps: number) => void;
  },
): Promise<MarginResult> {
  const { method = DEFAULT_ATTACK_ID, norm = 'linf', steps = 20, seed = 0, signal, target, multilabelClass, onProbe } = options;
  let done = 0;
  const flips = async (eps: number): Promise<boolean> => {
    onProbe?.(done++, eps);
    return (await runAttack(model, space, { method, eps, norm, steps, seed, earlyStop: true, signal, target, multilabelClass })).success;
  };
  return robustnessMargin(flips, options);
}
