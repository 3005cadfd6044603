/**
 * In-graph losses with their hand-written vector–Jacobian seeds on the differentiated output.
 * Each loss is per sample ([N]); the seed is ∂(Σᵢ wᵢ·lossᵢ)/∂output.
 */
import type { ValueInfoProto } from 'onnx-buf';
import { DataType, makeValueInfo } from '../onnx/builder';
import type { Emitter } from './emitter';
import { NAMES, type LossKind } from './types';

/** The loss part of a compiled graph. */
export interface LossGraph {
  /** Per-sample loss tensor [N]. */
  loss: string;
  /** Gradient of the weighted loss with respect to the output. */
  seed: string;
  /** Extra graph inputs (label / cotangent, weight). */
  inputs: ValueInfoProto[];
}

const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);

/** Builds loss `kind` on tensor `z` whose probe shape is `shape` ([N, C, ...]). */
export function buildLoss(e: Emitter, kind: LossKind, z: string, shape: number[]): LossGraph {
  const rank = shape.length;
  const spatial = range(2, rank);
  if (kind !== 'cotangent' && rank < 2) throw new Error(`loss "${kind}" needs an output shaped [N, classes, ...]; "${z}" has rank ${rank}`);
  if ((kind === 'ce' || kind === 'margin' || kind === 'logit') && rank !== 2) {
    throw new Error(`loss "${kind}" needs an output shaped [N, classes]; "${z}" is [${shape.join(', ')}] (use pixel-ce or dice for segmentation)`);
  }
  if ((kind === 'pixel-ce' || kind === 'dice') && rank < 3) {
    throw new Error(`loss "${kind}" needs a segmentation output [N, classes, ...spatial]; "${z}" is [${shape.join(', ')}]`);
  }
  const weight = makeValueInfo(NAMES.weight, DataType.FLOAT, ['N']);
  const w = rank > 1 ? e.emit('Unsqueeze', [NAMES.weight, e.ints(range(1, rank))]) : NAMES.weight;
  const weighted = (g: string) => e.emit('Mul', [g, w]);
  if (kind === 'cotangent') {
    const cot = makeValueInfo(NAMES.cotangent, DataType.FLOAT, ['N', ...shape.slice(1)]);
    const prod = e.emit('Mul', [z, NAMES.cotangent]);
    const loss = rank > 1 ? e.emit('ReduceSum', [prod, e.ints(range(1, rank))], { keepdims: 0 }) : prod;
    return { loss, seed: weighted(NAMES.cotangent), inputs: [cot, weight] };
  }
  const label = makeValueInfo(NAMES.label, DataType.INT64, ['N', ...shape.slice(2)]);
  const depth = e.emit('Gather', [e.shapeOf(z), e.ints([1])], { axis: 0 });
  const onehot = e.emit('OneHot', [NAMES.label, depth, e.floats([0, 1], [2])], { axis: 1 });
  const inputs = [label, weight];
  const classSum = (t: string) => e.emit('ReduceSum', [t, e.ints([1])], { keepdims: 0 });
  if (kind === 'logit') {
    return { loss: classSum(e.emit('Mul', [z, onehot])), seed: weighted(onehot), inputs };
  }
  if (kind === 'margin') {
    const masked = e.emit('Sub', [z, e.emit('Mul', [onehot, e.scalar(1e30)])]);
    const other = e.emit('ArgMax', [masked], { axis: 1, keepdims: 0 });
    const diff = e.emit('Sub', [e.emit('OneHot', [other, depth, e.floats([0, 1], [2])], { axis: 1 }), onehot]);
    return { loss: classSum(e.emit('Mul', [z, diff])), seed: weighted(diff), inputs };
  }
  if (kind === 'ce' || kind === 'pixel-ce') {
    const logp = e.emit('LogSoftmax', [z], { axis: 1 });
    let loss = e.emit('Neg', [classSum(e.emit('Mul', [logp, onehot]))]);
    let seed = e.emit('Sub', [e.emit('Exp', [logp]), onehot]);
    if (kind === 'pixel-ce') {
      const pixels = shape.slice(2).reduce((a, b) => a * b, 1);
      loss = e.emit('ReduceMean', [loss, e.ints(range(1, rank - 1))], { keepdims: 0 });
      seed = e.emit('Mul', [seed, e.scalar(1 / pixels)]);
    }
    return { loss, seed: weighted(seed), inputs };
  }
  // Soft Dice (Milletari et al. 2016, smoothed by 1): per class D = (2Σp·g + 1)/(Σp + Σg + 1).
  const classes = shape[1];
  const p = e.emit('Softmax', [z], { axis: 1 });
  const sumSpatial = (t: string) => e.emit('ReduceSum', [t, e.ints(spatial)], { keepdims: 1 });
  const inter = sumSpatial(e.emit('Mul', [p, onehot]));
  const s1 = e.emit('Add', [e.emit('Add', [sumSpatial(p), sumSpatial(onehot)]), e.scalar(1)]);
  const dice = e.emit('Div', [e.emit('Add', [e.emit('Mul', [inter, e.scalar(2)]), e.scalar(1)]), s1]);
  const loss = e.emit('Sub', [e.scalar(1), e.emit('ReduceMean', [dice, e.ints(range(1, rank))], { keepdims: 0 })]);
  // ∂loss/∂p = (D − 2g) / (C·(S + 1)); then back through the softmax over the class axis.
  const dp = e.emit('Div', [e.emit('Sub', [dice, e.emit('Mul', [onehot, e.scalar(2)])]), e.emit('Mul', [s1, e.scalar(classes)])]);
  const dz = e.emit('Mul', [p, e.emit('Sub', [dp, e.emit('ReduceSum', [e.emit('Mul', [dp, p]), e.ints([1])], { keepdims: 1 })])]);
  return { loss, seed: weighted(dz), inputs };
}
