/**
 * Robustness of a classifier on a phantom set: every image attacked with the engine's PGD (L∞,
 * untargeted, away from the TRUE label, random start) in model-input space clipped to [0, 1], then
 * AUC and accuracy of the attacked logits.
 */
import { OnnxObjective } from '../../electron/engine/attacks/onnxObjective';
import { pgd } from '../../electron/engine/attacks/pgd';
import { loadModel } from '../../electron/engine/onnx';
import type { AttackRow } from '../cards/classifierCard';
import { binaryMetrics } from './scoreClassifier';

/**
 * PGD metrics of the model file `modelPath` for each budget in `epsList` (input units) with
 * `steps` iterations, through the engine's OnnxObjective (the same path as `aegis attack`).
 * @param seed base seed of the random starts (image i uses seed + i).
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
  const objective = await OnnxObjective.create(loadModel(modelPath), { outputKind: 'logits', inputShape: [1, 1, side, side] });
  const plane = side * side;
  const lower = new Float32Array(plane);
  const upper = new Float32Array(plane).fill(1);
  const rows: AttackRow[] = [];
  try {
    for (const eps of epsList) {
      const logits = new Float32Array(2 * labels.length);
      for (let i = 0; i < labels.length; i++) {
        const out = await pgd(
          { objective, x0: inputs.slice(i * plane, (i + 1) * plane), lower, upper, goal: { label: labels[i] } },
          { eps, norm: 'linf', steps, seed: seed + i },
        );
        logits.set(out.logits, 2 * i);
      }
      const m = binaryMetrics(logits, labels);
      rows.push({ eps, steps, ...m });
      log(`PGD eps ${eps}: AUC ${m.auc.toFixed(3)}  accuracy ${m.accuracy.toFixed(3)}`);
    }
  } finally {
    await objective.release();
  }
  return rows;
}
