/**
 * Gauss–Legendre quadrature on [0, 1]: `n` nodes and weights (weights sum to 1), computed by Newton
 * iteration on the Legendre polynomial P_n (Golub–Welsch would do too). Used by Integrated Gradients,
 * as Captum's default `method='gausslegendre'`.
 */
export function gaussLegendre01(n: number): { nodes: Float64Array; weights: Float64Array } {
  if (!Number.isInteger(n) || n < 1) throw new Error(`Gauss–Legendre: need a positive number of steps, got ${n}`);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? z : p1;
      const pnm1 = n === 1 ? 1 : p0;
      dp = (n * (z * pn - pnm1)) / (z * z - 1);
      const dz = pn / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-15) break;
    }
    const w = 2 / ((1 - z * z) * dp * dp);
    // Map [−1, 1] → [0, 1]; the weight halves with the interval.
    nodes[i] = (1 - z) / 2;
    nodes[n - 1 - i] = (1 + z) / 2;
    weights[i] = w / 2;
    weights[n - 1 - i] = w / 2;
  }
  return { nodes, weights };
}
