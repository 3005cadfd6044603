/**
 * Robustness of a classifier on a phantom set: every image attacked with the engine's PGD (L∞,
 * untargeted, away from the TRUE label, random start) in model-input space clipped to [0, 1], then
 * AUC and accuracy of the attacked logits.
 */
import { OnnxObjective } from '../attacks/onnxObjective';
import { pgd } from '../attacks/pgd';
import { loadModel, type LoadedModel } from '../onnx';
import { binaryMetrics, type BinaryMetrics } from './scoreClassifier';

/** One attacked evaluation row. */
export interface AttackRow extends BinaryMetrics {
  /** L∞ budget in model-input units ([0, 1] = the window 0–4095). */
  eps: number;
  steps: number;
}

/**
 * The logits (2 per image) of every image after its own PGD attack at budget `eps` (input units)
 * with `steps` iterations, through the engine's OnnxObjective (the same path as `aegis attack`).
 * @param seed base seed of the random starts (image i uses seed + i).
 */
export async function attackedLogits(objective: OnnxObjective, inputs: Float32Array, labels: Int32Array, eps: number, steps: number, seed: number): Promise<Float32Array> {
  const plane = objective.inputSize;
  const lower = new Float32Array(plane);
  const upper = new Float32Array(plane).fill(1);
  const logits = new Float32Array(2 * labels.length);
  for (let i = 0; i < labels.length; i++) {
    const out = await pgd({ objective, x0: inputs.slice(i * plane, (i + 1) * plane), lower, upper, goal: { label: labels[i] } }, { eps, norm: 'linf', steps, seed: seed + i });
    logits.set(out.logits, 2 * i);
  }
  return logits;
}

/** Opens `model` as an attack objective on [1, 1, side, side] logits; released by the caller. */
export function classifierObjective(model: LoadedModel, side: number): Promise<OnnxObjective> {
  return OnnxObjective.create(model, { outputKind: 'logits', inputShape: [1, 1, side, side] });
}

/**
 * PGD metrics of the model file `modelPath` for each budget in `epsList` (input units) with
 * `steps` iterations. @param seed base seed of the random starts (image i uses seed + i).
 */
export async function attackedMetrics(
  modelPath: string,
  inputs: Float32Array,
  labels: Int32Array,
  side: number,
  epsList: readonly number[],
  steps: number,
  seed: number,
  log: (line: string) => void = () => {},
): Promise<AttackRow[]> {
  const objective = await classifierObjective(loadModel(modelPath), side);
  const rows: AttackRow[] = [];
  try {
    for (const eps of epsList) {
      const m = binaryMetrics(await attackedLogits(objective, inputs, labels, eps, steps, seed), labels);
      rows.push({ eps, steps, ...m });
      log(`PGD eps ${eps}: AUC ${m.auc.toFixed(3)}  accuracy ${m.accuracy.toFixed(3)}`);
    }
  } finally {
    await objective.release();
  }
  return rows;
}
