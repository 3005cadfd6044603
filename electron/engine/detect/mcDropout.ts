/**
 * Bayesian uncertainty by Monte-Carlo dropout (Gal & Ghahramani 2016), in the form Feinman et al.
 * 2017 used as a detector: with T stochastic forward passes p₁ … p_T (dropout on at inference),
 * U = (1/T) Σₜ ‖pₜ‖² − ‖(1/T) Σₜ pₜ‖², the predictive variance summed over outputs. Unit: probability².
 *
 * @param pass one stochastic forward pass returning the output probabilities (e.g. an onnxruntime
 *   run with Dropout's training_mode = true)
 * @param passes T ≥ 2 (Feinman used 50)
 */
export async function mcDropoutUncertainty(pass: () => Promise<ArrayLike<number>>, passes = 50): Promise<number> {
  if (!Number.isInteger(passes) || passes < 2) throw new Error(`MC dropout needs at least 2 passes, got ${passes}.`);
  let mean: Float64Array | null = null;
  let meanSquareNorm = 0;
  for (let t = 0; t < passes; t++) {
    const p = await pass();
    if (mean === null) mean = new Float64Array(p.length);
    if (p.length !== mean.length) throw new Error(`MC dropout: pass ${t} returned ${p.length} outputs, the first returned ${mean.length}.`);
    let sq = 0;
    for (let c = 0; c < p.length; c++) {
      sq += p[c] * p[c];
      mean[c] += p[c] / passes;
    }
    meanSquareNorm += sq / passes;
  }
  let normOfMean = 0;
  for (const v of mean!) normOfMean += v * v;
  return meanSquareNorm - normOfMean;
}
