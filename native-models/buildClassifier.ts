/**
 * Builds one demo classifier from its recipe: trains it on fresh phantoms through the gradient
 * compiler, writes model.onnx, evaluates the written file on held-out phantoms (clean and under the
 * engine's PGD) and renders metadata.json and MODEL_CARD.md from those numbers.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeModel } from '../electron/engine/onnx';
import { classifierCard, classifierMetadata, type ClassifierReport } from './cards/classifierCard';
import { calibrateThreshold } from './classifier/calibrateThreshold';
import { buildNoduleClassifier, CLASSIFIER_CLASSES, CLASSIFIER_INPUT, EVIDENCE_SIDE, initialClassifierWeights } from './classifier/noduleClassifierGraph';
import { DEMO_WINDOW, noduleCellLabels, type PhantomSet } from './data/phantomDataset';
import { attackedMetrics } from './evaluate/attackedMetrics';
import { binaryMetrics, classifierLogits } from './evaluate/scoreClassifier';
import { SPLITS, type ClassifierRecipe } from './recipes';
import { trainModel } from './train/trainModel';

/** Writes `data` through a temporary name so a half-written model never exists. */
export function writeAtomic(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

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
  const weights = initialClassifierWeights(recipe.seed);
  const trained = await trainModel(
    (w) => buildNoduleClassifier(w),
    weights,
    train.inputs,
    noduleCellLabels(train, EVIDENCE_SIDE),
    CLASSIFIER_INPUT,
    { ...recipe, threads, loss: 'pixel-ce', group: train.group },
    (l) => log(`[${recipe.id}] ${l}`),
  );
  // Threshold t of the max-evidence head: the most accurate cut on (part of) the training set.
  const calibration = Math.min(train.count, recipe.calibrationImages);
  const plane = CLASSIFIER_INPUT * CLASSIFIER_INPUT;
  const raw = await classifierLogits(encodeModel(buildNoduleClassifier(trained.weights, 0)), train.inputs.subarray(0, calibration * plane), CLASSIFIER_INPUT);
  const evidence = Float32Array.from({ length: calibration }, (_, i) => raw[2 * i + 1] - raw[2 * i]);
  const threshold = calibrateThreshold(evidence, train.labels.subarray(0, calibration));
  log(`[${recipe.id}] threshold ${threshold.toFixed(3)} calibrated on ${calibration} training images`);
  const model = buildNoduleClassifier(trained.weights, threshold);
  const bytes = encodeModel(model);
  const dir = join(outRoot, recipe.id);
  mkdirSync(dir, { recursive: true });
  writeAtomic(join(dir, 'model.onnx'), bytes);
  const clean = binaryMetrics(await classifierLogits(bytes, held.inputs, CLASSIFIER_INPUT), held.labels);
  log(`[${recipe.id}] clean: AUC ${clean.auc.toFixed(3)}  accuracy ${clean.accuracy.toFixed(3)}`);
  const attacks = await attackedMetrics(join(dir, 'model.onnx'), held.inputs, held.labels, CLASSIFIER_INPUT, recipe.attackEps, recipe.attackSteps, recipe.attackSeed, (l) =>
    log(`[${recipe.id}] ${l}`),
  );
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
    adversarialEps: recipe.adversarialEps,
    threads,
    trainSeconds: trained.seconds,
    parameters: [...trained.weights.values()].reduce((s, w) => s + w.data.length, 0),
    modelBytes: bytes.length,
    threshold,
    calibrationImages: calibration,
    clean,
    attacks,
    attackSeed: recipe.attackSeed,
  };
  writeClassifierCard(dir, report);
  return report;
}

/** Writes metadata.json and MODEL_CARD.md of a classifier from its report. */
export function writeClassifierCard(dir: string, report: ClassifierReport): void {
  writeAtomic(join(dir, 'metadata.json'), JSON.stringify(classifierMetadata(report, CLASSIFIER_CLASSES, CLASSIFIER_INPUT, DEMO_WINDOW), null, 2) + '\n');
  writeAtomic(join(dir, 'MODEL_CARD.md'), classifierCard(report));
}
