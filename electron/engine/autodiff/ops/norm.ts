/**
 * Normalisation gradients: BatchNormalization (inference form: per-channel affine),
 * LayerNormalization (Mean/InvStdDev taken from the forward node) and InstanceNormalization.
 * For x̂ = (x − μ)·r normalised over a set of axes with mean(·) over the same axes:
 * dX = r·(g − mean(g) − x̂·mean(g·x̂)) with g = dY·γ.
 */
import { attrFloat, attrInt } from '../../onnx/attributes';
import type { GradContext, GradRule } from '../rule';

const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);

/** Reshapes a per-channel vector [C] to broadcast over [N, C, *spatial]. */
const perChannel = (c: GradContext, v: string, rank: number) => c.emit('Unsqueeze', [v, c.ints(range(1, rank - 1))]);

/** The normalisation backward shared by LayerNorm and InstanceNorm. */
function normalisedBack(c: GradContext, g: string, xhat: string, rstd: string, axes: number[]): string {
  const a = c.ints(axes);
  const meanG = c.emit('ReduceMean', [g, a], { keepdims: 1 });
  const meanGX = c.emit('ReduceMean', [c.emit('Mul', [g, xhat]), a], { keepdims: 1 });
  return c.emit('Mul', [rstd, c.emit('Sub', [c.emit('Sub', [g, meanG]), c.emit('Mul', [xhat, meanGX])])]);
}

function batchNormGrad(c: GradContext): (string | undefined)[] {
  if (attrInt(c.node, 'training_mode', 0) !== 0) throw new Error('training-mode BatchNormalization is not supported; export the model in eval mode');
  const g = c.GO(0) as string;
  const rank = c.shape(c.I(0)).length;
  const eps = attrFloat(c.node, 'epsilon', 1e-5);
  const rstd = c.emit('Reciprocal', [c.emit('Sqrt', [c.emit('Add', [c.I(4), c.scalar(eps)])])]);
  const rstdB = perChannel(c, rstd, rank);
  const gammaB = perChannel(c, c.I(1), rank);
  const notC = c.ints([0, ...range(2, rank)]);
  const grads: (string | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
  if (c.needs(0)) grads[0] = c.emit('Mul', [g, perChannel(c, c.emit('Mul', [c.I(1), rstd]), rank)]);
  const centred = c.needs(1) || c.needs(4) ? c.emit('Sub', [c.I(0), perChannel(c, c.I(3), rank)]) : '';
  if (c.needs(1)) grads[1] = c.emit('ReduceSum', [c.emit('Mul', [g, c.emit('Mul', [centred, rstdB])]), notC], { keepdims: 0 });
  if (c.needs(2)) grads[2] = c.emit('ReduceSum', [g, notC], { keepdims: 0 });
  if (c.needs(3)) grads[3] = c.emit('Neg', [c.emit('ReduceSum', [c.emit('Mul', [g, c.emit('Mul', [gammaB, rstdB])]), notC], { keepdims: 0 })]);
  if (c.needs(4)) {
    // d/dvar of γ(x − μ)(var + ε)^(−1/2) = −½ γ (x − μ) r³
    const r3 = c.emit('Mul', [rstdB, c.emit('Mul', [rstdB, rstdB])]);
    const term = c.emit('Mul', [c.emit('Mul', [g, centred]), c.emit('Mul', [gammaB, r3])]);
    grads[4] = c.emit('Mul', [c.emit('ReduceSum', [term, notC], { keepdims: 0 }), c.scalar(-0.5)]);
  }
  return grads;
}

function layerNormGrad(c: GradContext): (string | undefined)[] {
  const g = c.GO(0) as string;
  const ys = c.shape(c.O(0));
  const rank = ys.length;
  const axis = ((attrInt(c.node, 'axis', -1) % rank) + rank) % rank;
  const xhat = c.emit('Mul', [c.emit('Sub', [c.I(0), c.O(1)]), c.O(2)]);
  const grads: (string | undefined)[] = [undefined, undefined, undefined];
  if (c.needs(0)) grads[0] = normalisedBack(c, c.emit('Mul', [g, c.I(1)]), xhat, c.O(2), range(axis, rank));
  if (c.needs(1)) grads[1] = c.reduceTo(c.emit('Mul', [g, xhat]), ys, c.I(1));
  if (c.I(2) && c.needs(2)) grads[2] = c.reduceTo(g, ys, c.I(2));
  return grads;
}

function instanceNormGrad(c: GradContext): (string | undefined)[] {
  const g = c.GO(0) as string;
  const rank = c.shape(c.I(0)).length;
  const eps = attrFloat(c.node, 'epsilon', 1e-5);
  const spatial = c.ints(range(2, rank));
  const x = c.I(0);
  const centred = c.emit('Sub', [x, c.emit('ReduceMean', [x, spatial], { keepdims: 1 })]);
  const variance = c.emit('ReduceMean', [c.emit('Mul', [centred, centred]), spatial], { keepdims: 1 });
  const rstd = c.emit('Reciprocal', [c.emit('Sqrt', [c.emit('Add', [variance, c.scalar(eps)])])]);
  const xhat = c.emit('Mul', [centred, rstd]);
  const notC = c.ints([0, ...range(2, rank)]);
  const grads: (string | undefined)[] = [undefined, undefined, undefined];
  if (c.needs(0)) grads[0] = normalisedBack(c, c.emit('Mul', [g, perChannel(c, c.I(1), rank)]), xhat, rstd, range(2, rank));
  if (c.needs(1)) grads[1] = c.emit('ReduceSum', [c.emit('Mul', [g, xhat]), notC], { keepdims: 0 });
  if (c.needs(2)) grads[2] = c.emit('ReduceSum', [g, notC], { keepdims: 0 });
  return grads;
}

/** Normalisation rules. */
export const normRules: Record<string, GradRule> = {
  BatchNormalization: { grad: batchNormGrad },
  LayerNormalization: {
    grad: layerNormGrad,
    rewrite: (node, fresh) => {
      if (!node.output[1]) node.output[1] = fresh('ln_mean');
      if (!node.output[2]) node.output[2] = fresh('ln_inv_std');
    },
  },
  InstanceNormalization: { grad: instanceNormGrad },
};
