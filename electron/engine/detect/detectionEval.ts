import type { AttackSpace } from '../attacks/attackSpace';
import type { Objective } from '../attacks/objective';
import { runAttack, type AttackMethod } from '../attacks/runAttack';
import { seededRandom } from '../stats/seededRandom';
import { DetectorAwareObjective, type DetectorGradient } from './adaptiveObjective';
import type { CalibrationRecord } from './calibrationRecord';
import { fitDetectorCombiner, combinerScore } from './detectorCombiner';
import { detectImage, prepareCalibration, type DetectionResult } from './detectImage';
import { detectorRow, detectorRows, mapScore, type DetectorRow } from './detectionMetrics';
import type { DetectionImage, DetectionTarget } from './imageFeatures';
import type { NoiseResidualOptions } from './noiseResidual';
import { noiseResidualScoreGradient } from './noiseResidualGradient';

/** One clean evaluation image: how the detectors see it, and its attack space. */
export interface EvalCase {
  item: DetectionImage;
  space: AttackSpace;
}

/** An attack to evaluate against: method, budget (normalised display units), norm, iterations. */
export interface AttackConfig {
  method: AttackMethod;
  eps: number;
  norm: 'linf' | 'l2';
  steps: number;
}

/** Options of {@link runDetectionEval}. */
export interface DetectionEvalOptions {
  target: DetectionTarget;
  /** The model as an attack objective (model-input space). */
  objective: Objective;
  calibration: CalibrationRecord;
  /** Held-out clean images (not used for calibration). */
  cases: EvalCase[];
  attacks: AttackConfig[];
  /** FPR for the TPR column, a fraction (0.05 = 5 %). */
  fpr: number;
  seed: number;
  /** Also run each attack adaptively: loss − λ·S(x) with the differentiable feature-space detector score, and − λ·S_nr(u) for the noise residual. */
  adaptive?: { gradient: DetectorGradient; weight: number };
  onProgress?: (message: string) => void;
}

/** Results for one attack setting. */
export interface AttackEvalResult {
  attack: AttackConfig & { adaptive: boolean };
  attempted: number;
  succeeded: number;
  /** Which attacked images were the positives: the successful ones (Ma et al.), or all when fewer than 2 succeeded. */
  positives: 'successful' | 'all';
  rows: DetectorRow[];
}

/** Map localisation on attacks confined to a square patch (a quarter of the image side). */
export interface LocalisedResult {
  attack: AttackConfig;
  images: number;
  /** Per map: mean pixel AUROC against the perturbation mask, and how often the map's peak is inside it. */
  maps: Record<string, { meanAuroc: number; peakInMaskRate: number }>;
}

/**
 * Detection evaluation against freshly generated attacks: every held-out clean image is scored,
 * attacked with each setting (quantised to stored values, as exported), and scored again; per
 * detector ROC AUC and TPR at the stated FPR follow, plus a logistic-regression combiner fitted by
 * 2-fold cross-fitting on clean, noisy (uniform ±eps) and adversarial characteristics. The first
 * setting is also run confined to a patch, scoring the suspicion maps at pixel level.
 */
export async function runDetectionEval(o: DetectionEvalOptions): Promise<{ clean: number; results: AttackEvalResult[]; localised: LocalisedResult | null }> {
  if (o.cases.length < 4) throw new Error(`Detection evaluation needs at least 4 held-out clean images, got ${o.cases.length}.`);
  const cal = prepareCalibration(o.calibration);
  const detect = (item: DetectionImage) => detectImage(o.target, cal, item);
  const asImage = (c: EvalCase, u: Float32Array): DetectionImage => ({ image: { ...c.item.image, data: u }, toModelInput: c.item.toModelInput });
  const clean: DetectionResult[] = [];
  for (const c of o.cases) clean.push(await detect(c.item));
  o.onProgress?.(`scored ${clean.length} clean images`);
  const results: AttackEvalResult[] = [];
  const settings = o.attacks.flatMap((a) => [{ ...a, adaptive: false }, ...(o.adaptive ? [{ ...a, adaptive: true }] : [])]);
  for (const a of settings) {
    const rand = seededRandom(o.seed + 17);
    const noisy: DetectionResult[] = [];
    const adv: DetectionResult[] = [];
    const success: boolean[] = [];
    for (const [i, c] of o.cases.entries()) {
      const model = a.adaptive && o.adaptive ? new DetectorAwareObjective(o.objective, o.adaptive.gradient, o.adaptive.weight, true) : o.objective;
      const { objective, space } = a.adaptive && o.adaptive ? hideFromNoiseResidual(model, c, o.adaptive.weight, o.calibration.noiseResidual) : { objective: model, space: c.space };
      const report = await runAttack(objective, space, { method: a.method, eps: a.eps, norm: a.norm, steps: a.steps, seed: o.seed + i });
      adv.push(await detect(asImage(c, report.normalised)));
      success.push(report.success);
      const u = c.space.x0.map((v, k) => Math.min(c.space.upper[k], Math.max(c.space.lower[k], v + (rand() < 0.5 ? -a.eps : a.eps))));
      noisy.push(await detect(asImage(c, c.space.quantise(u, a.eps, a.norm).u)));
      o.onProgress?.(`${a.adaptive ? 'adaptive ' : ''}${a.method} eps ${a.eps}: ${i + 1}/${o.cases.length}`);
    }
    const succeeded = success.filter(Boolean).length;
    const positives = succeeded >= 2 ? 'successful' : 'all';
    const pos = positives === 'successful' ? adv.filter((_, i) => success[i]) : adv;
    const rows = detectorRows(clean, pos, o.fpr);
    // Against noisy images of the same budget: does a detector flag adversarial structure, or any noise?
    const vsNoisy = new Map(detectorRows(noisy, pos, o.fpr).map((r) => [r.detector, r]));
    for (const r of rows) {
      const v = vsNoisy.get(r.detector);
      if (v) Object.assign(r, { aucVsNoisy: v.auc, aucVsNoisyCi: v.aucCi });
    }
    rows.splice(rows.findIndex((r) => r.detector === 'combined') + 1, 0, combinerRow(clean, noisy, adv, positives === 'successful' ? success : adv.map(() => true), o.fpr));
    results.push({ attack: a, attempted: o.cases.length, succeeded, positives, rows });
  }
  const localised = o.attacks.length > 0 ? await localisedEval(o, detect, asImage) : null;
  return { clean: clean.length, results, localised };
}

/**
 * The adaptive attack's second term, in native display space: the objective also descends the
 * noise-residual score (λ·S_nr, gradient through the 3×3 median) of 1-channel images. runAttack
 * composes objective and space, so the pipeline moves into the objective and the space passes
 * values through unchanged.
 */
function hideFromNoiseResidual(model: Objective, c: EvalCase, weight: number, options: NoiseResidualOptions): { objective: Objective; space: AttackSpace } {
  const { space } = c;
  if (c.item.image.channels !== 1) return { objective: model, space };
  const objective: Objective = {
    inputSize: space.x0.length,
    outputShape: model.outputShape,
    async evaluate(u, loss) {
      const ev = await model.evaluate(space.toModelInput(u), loss);
      const g = space.backward(ev.grad);
      const nr = noiseResidualScoreGradient({ ...c.item.image, data: u }, options);
      return { loss: ev.loss - weight * nr.score, grad: g.map((v, k) => v - weight * nr.grad[k]), logits: ev.logits };
    },
    predict: (u) => model.predict(space.toModelInput(u)),
  };
  return { objective, space: { ...space, toModelInput: (u) => u, backward: (g) => g } };
}

/** L2 penalty of the cross-fitted LR combiner on standardised characteristics: strong, as each fold trains ~20 characteristics on a few dozen images. */
const COMBINER_L2 = 1;

/** LR combiner by 2-fold cross-fitting over images: fit on one half's clean/noisy/adversarial rows, score the other half. */
function combinerRow(clean: DetectionResult[], noisy: DetectionResult[], adv: DetectionResult[], positive: boolean[], fpr: number): DetectorRow {
  const features = Object.keys(clean[0].values);
  const vec = (r: DetectionResult) => features.map((f) => r.values[f]);
  const negScores: number[] = [];
  const posScores: number[] = [];
  const noisyScores: number[] = [];
  for (let fold = 0; fold < 2; fold++) {
    const train = (rs: DetectionResult[]) => rs.filter((_, i) => i % 2 !== fold).map(vec);
    const combiner = fitDetectorCombiner({ features, clean: train(clean), noisy: train(noisy), adversarial: train(adv) }, COMBINER_L2);
    clean.forEach((r, i) => i % 2 === fold && negScores.push(combinerScore(combiner, r.values)));
    noisy.forEach((r, i) => i % 2 === fold && noisyScores.push(combinerScore(combiner, r.values)));
    adv.forEach((r, i) => i % 2 === fold && positive[i] && posScores.push(combinerScore(combiner, r.values)));
  }
  const row = detectorRow('lr-combiner', negScores, posScores, fpr);
  const vsNoisy = detectorRow('lr-combiner', noisyScores, posScores, fpr);
  return { ...row, aucVsNoisy: vsNoisy.auc, aucVsNoisyCi: vsNoisy.aucCi };
}

async function localisedEval(
  o: DetectionEvalOptions,
  detect: (item: DetectionImage) => Promise<DetectionResult>,
  asImage: (c: EvalCase, u: Float32Array) => DetectionImage,
): Promise<LocalisedResult> {
  const a = o.attacks[0];
  const rand = seededRandom(o.seed + 101);
  const sums: Record<string, { auroc: number; peak: number; n: number }> = {};
  let images = 0;
  for (const [i, c] of o.cases.entries()) {
    const { width: w, height: h } = c.space;
    const side = Math.max(2, Math.round(Math.min(w, h) / 4));
    const x0 = Math.floor(rand() * (w - side));
    const y0 = Math.floor(rand() * (h - side));
    const inPatch = (k: number) => {
      const p = k % (w * h);
      const x = p % w;
      const y = Math.floor(p / w);
      return x >= x0 && x < x0 + side && y >= y0 && y < y0 + side;
    };
    const space: AttackSpace = {
      ...c.space,
      lower: c.space.lower.map((v, k) => (inPatch(k) ? v : c.space.x0[k])),
      upper: c.space.upper.map((v, k) => (inPatch(k) ? v : c.space.x0[k])),
    };
    const report = await runAttack(o.objective, space, { method: a.method, eps: a.eps, norm: a.norm, steps: a.steps, seed: o.seed + 1000 + i });
    const original = c.space.quantise(c.space.x0, undefined, a.norm).stored;
    const mask = new Uint8Array(w * h);
    report.stored.forEach((v, k) => {
      if (v !== original[k]) mask[k % (w * h)] = 1;
    });
    const changed = mask.reduce((s, v) => s + v, 0);
    if (changed === 0 || changed === w * h) continue;
    const r = await detect(asImage(c, report.normalised));
    images++;
    for (const [name, map] of Object.entries(r.maps)) {
      if (!map) continue;
      const m = mapScore(map, mask);
      const s = (sums[name] ??= { auroc: 0, peak: 0, n: 0 });
      s.auroc += m.auroc;
      s.peak += m.peakInMask ? 1 : 0;
      s.n++;
    }
    o.onProgress?.(`localised ${a.method}: ${i + 1}/${o.cases.length}`);
  }
  const maps = Object.fromEntries(Object.entries(sums).map(([k, s]) => [k, { meanAuroc: s.auroc / s.n, peakInMaskRate: s.peak / s.n }]));
  return { attack: a, images, maps };
}
