/**
 * Builds one demo classifier from its recipe: trains it on fresh phantoms through the gradient
 * compiler (or adversarially fine-tunes an already built one), calibrates its decision threshold,
 * writes model.onnx, evaluates the written file on held-out phantoms (clean and under the engine's
 * PGD) and renders metadata.json and MODEL_CARD.md from those numbers.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../electron/base/atomicWrite';
import { encodeModel, hashBytes } from '../electron/engine/onnx';
import { classifierCard, classifierMetadata, type ClassifierReport } from './cards/classifierCard';
import { calibrateThreshold } from './classifier/calibrateThreshold';
import { buildNoduleClassifier, CLASSIFIER_CLASSES, CLASSIFIER_INPUT, EVIDENCE_SIDE, initialClassifierWeights } from './classifier/noduleClassifierGraph';
import { DEMO_WINDOW, noduleCellLabels, type PhantomSet } from '../electron/engine/phantoms/phantomDataset';
import { readClassifierModel } from './classifier/readClassifierModel';
import { attackedLogits, attackedMetrics, classifierObjective } from '../electron/engine/evaluate/attackedMetrics';
import { binaryMetrics, classifierLogits } from '../electron/engine/evaluate/scoreClassifier';
import { SPLITS, type ClassifierRecipe } from './recipes';
import { adversarialFineTune } from './train/adversarialFineTune';
import { trainModel, type TrainedModel } from './train/trainModel';
import type { Weights } from './train/weights';

/** The base room's durable writer, under the name the model builders use. */
export { writeFileAtomic as writeAtomic };

/**
 * Trains, evaluates and writes `native-models/<id>/` for `recipe`.
 * @param train training set at 224 (seeds from SPLITS.train); @param held held-out set (SPLITS.validation).
 */
export async function buildClassifier(
  recipe: ClassifierRecipe,
  train: PhantomSet,
  held: PhantomSet,
  outRoot: string,
  threads: number,
  log: (line: string) => void,
): Promise<ClassifierReport> {
  const say = (l: string) => log(`[${recipe.id}] ${l}`);
  const trained = await trainClassifier(recipe, train, outRoot, threads, say);
  // Threshold t of the max-evidence head: the most accurate cut on (part of) the training set — on the
  // clean images, or for an adversarially trained model on those images attacked at its training budget.
  const calibration = Math.min(train.count, recipe.calibrationImages);
  const calibrationEps = recipe.adversarial?.eps ?? 0;
  const evidence = await calibrationEvidence(trained.weights, train, calibration, calibrationEps, recipe);
  const threshold = calibrateThreshold(evidence, train.labels.subarray(0, calibration));
  say(`threshold ${threshold.toFixed(3)} calibrated on ${calibration} training images${calibrationEps ? ` attacked at eps ${calibrationEps}` : ''}`);
  const model = buildNoduleClassifier(trained.weights, threshold);
  const bytes = encodeModel(model);
  const dir = join(outRoot, recipe.id);
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, 'model.onnx'), bytes);
  const clean = binaryMetrics(await classifierLogits(bytes, held.inputs, CLASSIFIER_INPUT), held.labels);
  say(`clean: AUC ${clean.auc.toFixed(3)}  accuracy ${clean.accuracy.toFixed(3)}`);
  const attacks = await attackedMetrics(join(dir, 'model.onnx'), held.inputs, held.labels, CLASSIFIER_INPUT, recipe.attackEps, recipe.attackSteps, recipe.attackSeed, say);
  const report: ClassifierReport = {
    id: recipe.id,
    title: recipe.title,
    summary: recipe.summary,
    seed: recipe.seed,
    trainImages: train.count,
    trainFirstSeed: SPLITS.train,
    trainPaired: train.group === 2,
    evalImages: held.count,
    evalFirstSeed: SPLITS.validation,
    steps: recipe.steps,
    batch: recipe.batch,
    peakLr: recipe.peakLr,
    weightDecay: recipe.weightDecay,
    adversarial: recipe.adversarial,
    baseline: recipe.adversarial ? baselineNumbers(join(outRoot, recipe.adversarial.base)) : undefined,
    threads,
    trainSeconds: trained.seconds,
    parameters: [...trained.weights.values()].reduce((s, w) => s + w.data.length, 0),
    modelBytes: bytes.length,
    threshold,
    calibrationImages: calibration,
    calibrationEps,
    clean,
    attacks,
    attackSeed: recipe.attackSeed,
  };
  writeClassifierCard(dir, report);
  return report;
}

/** Trains from fresh weights, or adversarially fine-tunes the recipe's base model as built under `outRoot`. */
async function trainClassifier(recipe: ClassifierRecipe, train: PhantomSet, outRoot: string, threads: number, log: (line: string) => void): Promise<TrainedModel> {
  const cellLabels = noduleCellLabels(train, EVIDENCE_SIDE);
  const options = { ...recipe, threads, group: train.group };
  const adv = recipe.adversarial;
  if (!adv) {
    return trainModel((w) => buildNoduleClassifier(w), initialClassifierWeights(recipe.seed), train.inputs, cellLabels, CLASSIFIER_INPUT, { ...options, loss: 'pixel-ce' }, log);
  }
  const basePath = join(outRoot, adv.base, 'model.onnx');
  if (!existsSync(basePath)) throw new Error(`${recipe.id} starts from ${basePath}, which does not exist: build ${adv.base} first`);
  const base = readClassifierModel(basePath);
  log(`fine-tuning ${adv.base} (threshold ${base.threshold.toFixed(3)}) on PGD-${adv.attackSteps} examples, eps ${adv.eps}`);
  return adversarialFineTune(
    { image: (w) => buildNoduleClassifier(w, base.threshold), map: (w) => buildNoduleClassifier(w) },
    base.weights,
    train.inputs,
    train.labels,
    cellLabels,
    CLASSIFIER_INPUT,
    { ...options, eps: adv.eps, attackSteps: adv.attackSteps, mapWeight: adv.mapWeight },
    log,
  );
}

/**
 * Max evidence (evidence units) of the first `count` training images, clean (`eps` 0) or after the
 * engine's PGD at `eps` away from each image's label. The attacked evidence does not depend on the
 * threshold (PGD follows the sign of the gradient, whose direction t does not change), so it is computed on t = 0.
 */
async function calibrationEvidence(weights: Weights, train: PhantomSet, count: number, eps: number, recipe: ClassifierRecipe): Promise<Float32Array> {
  const plane = CLASSIFIER_INPUT * CLASSIFIER_INPUT;
  const inputs = train.inputs.subarray(0, count * plane);
  const model = buildNoduleClassifier(weights, 0);
  let raw: Float32Array;
  if (eps > 0) {
    const objective = await classifierObjective({ model, path: '(calibration model)', hash: hashBytes(encodeModel(model)) }, CLASSIFIER_INPUT);
    try {
      raw = await attackedLogits(objective, inputs, train.labels.subarray(0, count), eps, recipe.attackSteps, recipe.attackSeed + CALIBRATION_SEED_OFFSET);
    } finally {
      await objective.release();
    }
  } else {
    raw = await classifierLogits(encodeModel(model), inputs, CLASSIFIER_INPUT);
  }
  return Float32Array.from({ length: count }, (_, i) => raw[2 * i + 1] - raw[2 * i]);
}

/** The held-out numbers of an already built classifier, from its metadata.json. */
function baselineNumbers(dir: string): ClassifierReport['baseline'] {
  const report = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8')).report as ClassifierReport;
  return { id: report.id, clean: report.clean, attacks: report.attacks };
}

/** Seeds of the calibration attacks start here past the evaluation's, so the two never share a random start. */
const CALIBRATION_SEED_OFFSET = 1_000_000;

/** Writes metadata.json and MODEL_CARD.md of a classifier from its report. */
export function writeClassifierCard(dir: string, report: ClassifierReport): void {
  writeFileAtomic(join(dir, 'metadata.json'), JSON.stringify(classifierMetadata(report, CLASSIFIER_CLASSES, CLASSIFIER_INPUT, DEMO_WINDOW), null, 2) + '\n');
  writeFileAtomic(join(dir, 'MODEL_CARD.md'), classifierCard(report));
}
