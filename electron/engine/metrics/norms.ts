/** Size of a perturbation δ = b − a under one norm family. */
export interface Norms {
  /** max |δᵢ| */
  linf: number;
  /** √Σ δᵢ² */
  l2: number;
  /** number of i with δᵢ ≠ 0 (a count, the same in every unit) */
  l0: number;
}

/** Norms of one perturbation in stored units and in normalised units (stored / unitRange). */
export interface PerturbationNorms {
  stored: Norms;
  normalised: Norms;
}

/**
 * L∞, L2 and L0 norms of `perturbed − original`. Values are in stored units; `unitRange` is how
 * many stored units make 1.0 in normalised units (the window width, or max − min of the mapping),
 * so eps = 0.02 in normalised units is 0.02·unitRange stored units.
 */
export function perturbationNorms(
  original: ArrayLike<number>,
  perturbed: ArrayLike<number>,
  unitRange: number,
): PerturbationNorms {
  if (original.length !== perturbed.length) {
    throw new Error(`norms: images differ in size (${original.length} and ${perturbed.length} values)`);
  }
  if (!(unitRange > 0)) throw new Error(`norms: unit range must be positive, got ${unitRange}`);
  let linf = 0;
  let sq = 0;
  let l0 = 0;
  for (let i = 0; i < original.length; i++) {
    const d = Math.abs(perturbed[i] - original[i]);
    if (d > linf) linf = d;
    sq += d * d;
    if (d !== 0) l0++;
  }
  const l2 = Math.sqrt(sq);
  return {
    stored: { linf, l2, l0 },
    normalised: { linf: linf / unitRange, l2: l2 / unitRange, l0 },
  };
}
