/** Kernel-density model: the clean features of each class; plain data, JSON-serialisable. */
export interface KernelDensityModel {
  /** Gaussian kernel bandwidth h, in feature units. */
  bandwidth: number;
  /** Feature dimension. */
  dim: number;
  /** classFeatures[c] = clean feature vectors whose (true or predicted) class is c. */
  classFeatures: number[][][];
}

/**
 * Collects the per-class reference sets of Feinman et al. 2017 ("Detecting adversarial samples from
 * artifacts"): last-hidden-layer features of clean images, grouped by class. The reference code's
 * bandwidths were 0.26 (CIFAR-10), 1.00 (SVHN), 3.79 (MNIST); re-tune per model.
 *
 * @param features clean feature vectors
 * @param labels their class ids 0…C−1
 * @param bandwidth Gaussian bandwidth h > 0 in feature units
 */
export function fitKernelDensity(features: ArrayLike<number>[], labels: ArrayLike<number>, bandwidth: number): KernelDensityModel {
  if (!(bandwidth > 0)) throw new Error(`Kernel density bandwidth must be > 0, got ${bandwidth}.`);
  if (features.length === 0 || labels.length !== features.length) {
    throw new Error(`Kernel density needs one label per clean feature vector (got ${features.length} vectors, ${labels.length} labels).`);
  }
  const dim = features[0].length;
  const classFeatures: number[][][] = [];
  features.forEach((f, i) => {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0) throw new Error(`Kernel density: label #${i} is ${c}, expected a class id ≥ 0.`);
    if (f.length !== dim) throw new Error(`Kernel density: vector #${i} has ${f.length} features, expected ${dim}.`);
    while (classFeatures.length <= c) classFeatures.push([]);
    classFeatures[c].push(Array.from(f));
  });
  return { bandwidth, dim, classFeatures };
}

/**
 * Kernel-density suspicion score: minus the log of the normalised Gaussian KDE of `f` among the
 * clean features of `predictedClass`, as scikit-learn's `KernelDensity.score_samples` (used by the
 * reference code): log p(f) = log Σᵢ exp(−‖f − xᵢ‖²/(2h²)) − log N − (d/2)·log(2πh²).
 * Larger = lower density = more suspicious. Unit: nats. When no clean image of `predictedClass`
 * was calibrated (an attack often lands in such a class), the clean features of all classes are used.
 *
 * @param skipIndex index into the class's reference set to leave out (a calibration image scored
 *   against its own class set, leave-one-out); omit for new images
 */
export function kernelDensityScore(model: KernelDensityModel, f: ArrayLike<number>, predictedClass: number, skipIndex = -1): number {
  if (f.length !== model.dim) throw new Error(`Kernel density: feature vector has ${f.length} values, the calibration has ${model.dim}.`);
  const own = model.classFeatures[predictedClass] ?? [];
  const refs = own.length > 0 ? own : model.classFeatures.flat();
  const count = refs.length - (skipIndex >= 0 && skipIndex < refs.length ? 1 : 0);
  if (count < 1) throw new Error('Kernel density: the calibration holds no clean feature vector besides the one left out; recalibrate with more images.');
  const h2 = model.bandwidth * model.bandwidth;
  const logs: number[] = [];
  refs.forEach((x, i) => {
    if (i === skipIndex) return;
    let d2 = 0;
    for (let j = 0; j < model.dim; j++) d2 += (f[j] - x[j]) ** 2;
    logs.push(-d2 / (2 * h2));
  });
  const m = Math.max(...logs);
  let s = 0;
  for (const l of logs) s += Math.exp(l - m);
  const logDensity = m + Math.log(s) - Math.log(count) - (model.dim / 2) * Math.log(2 * Math.PI * h2);
  return -logDensity;
}
