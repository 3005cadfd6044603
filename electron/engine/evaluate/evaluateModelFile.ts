/**
 * Re-computes a demo model's card numbers from its files alone: reads metadata.json beside the
 * model, generates fresh phantoms from a seed range, prepares them exactly as the metadata says
 * (window → [0, 1] → antialiased resize) and scores the model: AUC/accuracy clean and under PGD for
 * classifiers, Dice for segmenters. Used by `aegis evaluate` and by the re-check test.
 */
import { readFileSync } from 'node:fs';
import { Pipeline } from '../imaging/pipeline';
import { readModelMetadata } from '../onnx';
import { makePhantomSet, PHANTOM_SIZE } from '../phantoms/phantomDataset';
import { attackedMetrics, type AttackRow } from './attackedMetrics';
import { binaryMetrics, classifierLogits, type BinaryMetrics } from './scoreClassifier';
import { segmenterDice, type DiceMetrics } from './segmenterDice';

/** What to evaluate on. */
export interface EvaluationRequest {
  /** First phantom seed and number of phantoms (labels by seed parity). */
  first: number;
  count: number;
  /** PGD budgets in model-input units (classifiers only; empty = clean only). */
  eps: readonly number[];
  steps: number;
  seed: number;
}

/** The result: classifier metrics or segmenter Dice, and the set it was computed on. */
export type EvaluationResult =
  | { kind: 'classifier'; first: number; count: number; clean: BinaryMetrics; attacks: AttackRow[] }
  | { kind: 'segmenter'; first: number; count: number; dice: DiceMetrics };

/** Evaluates the model at `modelPath` on phantoms `first … first + count − 1`. */
export async function evaluateModelFile(modelPath: string, req: EvaluationRequest, log: (line: string) => void = () => {}): Promise<EvaluationResult> {
  const meta = readModelMetadata(modelPath);
  const input = Object.values(meta.network_data_format.inputs)[0];
  const output = Object.values(meta.network_data_format.outputs)[0];
  if (!input?.size || input.size[0] !== input.size[1] || input.intensity.kind !== 'window' || input.channels !== 1) {
    throw new Error(`${modelPath}: evaluate needs a demo model whose metadata.json gives a square 1-channel input size and an intensity window`);
  }
  const side = input.size[0];
  const { center, width } = input.intensity;
  const pipeline = new Pipeline({
    nativeWidth: PHANTOM_SIZE,
    nativeHeight: PHANTOM_SIZE,
    nativeChannels: 1,
    inputWidth: side,
    inputHeight: side,
    inputChannels: 1,
    mean: input.mean,
    std: input.std,
    mapping: { lo: center - width / 2, hi: center + width / 2, outMin: input.range[0], outMax: input.range[1] },
  });
  const set = makePhantomSet(req.first, req.count, side, {
    pipeline,
    onProgress: (d) => d % 100 === 0 && log(`${d}/${req.count} phantoms generated`),
  });
  const bytes = readFileSync(modelPath);
  if (output?.kind === 'segmentation') {
    return { kind: 'segmenter', first: req.first, count: req.count, dice: await segmenterDice(bytes, set.inputs, set.masks, side) };
  }
  const clean = binaryMetrics(await classifierLogits(bytes, set.inputs, side), set.labels);
  log(`clean: AUC ${clean.auc.toFixed(3)}, accuracy ${clean.accuracy.toFixed(3)}`);
  const attacks = await attackedMetrics(modelPath, set.inputs, set.labels, side, req.eps, req.steps, req.seed, log);
  return { kind: 'classifier', first: req.first, count: req.count, clean, attacks };
}
