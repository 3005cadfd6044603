import { fitLogisticRegression, logisticLogit, type LogisticModel } from '../stats/logisticRegression';

/** A logistic-regression layer over detector characteristics; plain data, JSON-serialisable. */
export interface DetectorCombiner {
  /** Names of the characteristics, in column order (e.g. "kd", "lid:layer3", "mahalanobis:layer4"). */
  features: string[];
  model: LogisticModel;
}

/** Characteristic vectors for training the combiner, one row per image, columns as `features`. */
export interface CombinerTrainingSet {
  features: string[];
  /** Clean images (label 0). */
  clean: number[][];
  /** Clean images with random noise of the attack's budget (label 0, as Feinman and Ma et al.). */
  noisy: number[][];
  /** Adversarial images made by the app (label 1). */
  adversarial: number[][];
}

/**
 * Fits the logistic-regression detector of Feinman et al. 2017 and Ma et al. 2018 on
 * characteristics (KD, LID per layer, Mahalanobis per layer, …) of clean and noisy images
 * (negatives) and adversarial images (positives). L2-penalised IRLS on standardised columns.
 */
export function fitDetectorCombiner(set: CombinerTrainingSet, l2 = 1e-2): DetectorCombiner {
  const rows = [...set.clean, ...set.noisy, ...set.adversarial];
  const labels = [...set.clean.map(() => 0), ...set.noisy.map(() => 0), ...set.adversarial.map(() => 1)];
  rows.forEach((r, i) => {
    if (r.length !== set.features.length) throw new Error(`Detector combiner: row ${i} has ${r.length} values for ${set.features.length} characteristics.`);
  });
  return { features: [...set.features], model: fitLogisticRegression(rows, labels, { l2 }) };
}

/**
 * The combiner's suspicion for one image: the log-odds that it is adversarial (unbounded; 0 is
 * even odds). Missing characteristics are an error, named.
 */
export function combinerScore(combiner: DetectorCombiner, characteristics: Record<string, number>): number {
  const x = combiner.features.map((name) => {
    const v = characteristics[name];
    if (v === undefined || !Number.isFinite(v)) throw new Error(`Detector combiner needs characteristic "${name}", got ${v}.`);
    return v;
  });
  return logisticLogit(combiner.model, x);
}
