/**
 * Reads a built demo classifier back from its model.onnx: the trained weights (the initializers
 * {@link initialClassifierWeights} creates) and the decision threshold t of its max-evidence head.
 */
import { decodeTensor, loadModel } from '../../electron/engine/onnx';
import type { Weights } from '../train/weights';
import { initialClassifierWeights } from './noduleClassifierGraph';

/** A classifier's trained weights and threshold (evidence units). */
export interface ClassifierModel {
  weights: Weights;
  threshold: number;
}

/** Loads the classifier at `path`; throws if it lacks a trained weight or the calibration head. */
export function readClassifierModel(path: string): ClassifierModel {
  const graph = loadModel(path).model.graph;
  const inits = new Map((graph?.initializer ?? []).map((t) => [t.name, t]));
  const weights: Weights = new Map();
  for (const [name, fresh] of initialClassifierWeights(0)) {
    const t = inits.get(name);
    if (!t) throw new Error(`${path}: weight "${name}" is missing — not a demo nodule classifier`);
    const d = decodeTensor(t);
    if (d.values.length !== fresh.data.length) throw new Error(`${path}: weight "${name}" has ${d.values.length} values, expected ${fresh.data.length}`);
    weights.set(name, { data: Float32Array.from(d.values), dims: d.dims });
  }
  const bias = inits.get('calibration.bias');
  if (!bias) throw new Error(`${path}: no calibration.bias — not a demo nodule classifier with its decision head`);
  // The head's bias is [t/2, −t/2].
  return { weights, threshold: 2 * decodeTensor(bias).values[0]! };
}
