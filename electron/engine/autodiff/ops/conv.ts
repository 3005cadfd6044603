/**
 * Conv and ConvTranspose gradients (any spatial rank): dX by the adjoint op, dW by a convolution
 * of the input with the output gradient (strides and dilations swapped), dB by a sum.
 */
import { attrInt, attrInts } from '../../onnx/attributes';
import type { GradContext, GradRule } from '../rule';
import { adjointTransposeAttrs, forwardGeometry } from './convGeometry';

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
/** Permutation swapping axes 0 and 1. */
const swap01 = (rank: number) => [1, 0, ...range(2, rank)];

/** Crops the trailing spatial axes of `t` to `kernel` when the correlation produced more. */
function cropKernel(c: GradContext, t: string, produced: number[], kernel: number[]): string {
  if (produced.every((p, i) => p === kernel[i])) return t;
  const axes = range(2, 2 + kernel.length);
  return c.emit('Slice', [t, c.ints(kernel.map(() => 0)), c.ints(kernel), c.ints(axes)]);
}

/**
 * Correlation of `input` [B, I, *in] with `weights` [O, I/group, *win] (weights dilated by
 * `wDil`, stride `stride`, begin pads `pb`), padded at the end so at least `kernel` outputs exist.
 * Returns the node output and its spatial sizes.
 */
function correlate(c: GradContext, input: string, weights: string, inSize: number[], winSize: number[], kernel: number[], stride: number[], wDil: number[], pb: number[], group: number) {
  const pe = kernel.map((k, i) => Math.max(0, (k - 1) * stride[i] + wDil[i] * (winSize[i] - 1) + 1 - inSize[i] - pb[i]));
  const produced = kernel.map((_, i) => Math.floor((inSize[i] + pb[i] + pe[i] - wDil[i] * (winSize[i] - 1) - 1) / stride[i]) + 1);
  const out = c.emit('Conv', [input, weights], { strides: stride, dilations: wDil, pads: [...pb, ...pe], group });
  return cropKernel(c, out, produced, kernel);
}

/** W [M, C/G, *k] → W' [C, M/G, *k] with every spatial axis reversed: the adjoint kernel of a stride-1 Conv. */
function flippedKernel(c: GradContext, w: string, ws: number[], group: number): string {
  const rank = ws.length;
  const [m, cg, ...kernel] = ws;
  const swapped = group === 1
    ? c.emit('Transpose', [w], { perm: swap01(rank) })
    : c.emit('Reshape', [
        c.emit('Transpose', [c.emit('Reshape', [w, c.ints([group, m / group, cg, ...kernel])])], { perm: [0, 2, 1, ...range(3, rank + 1)] }),
        c.ints([cg * group, m / group, ...kernel]),
      ]);
  const axes = range(2, rank);
  return c.emit('Slice', [swapped, c.ints(axes.map(() => -1)), c.ints(axes.map(() => Number.MIN_SAFE_INTEGER)), c.ints(axes), c.ints(axes.map(() => -1))]);
}

/**
 * The output gradient and the shapes both rules read: input X [B, C, *in], weights W [·, ·, *kernel]
 * and the spatial sizes of X and of the output Y.
 */
function convShapes(c: GradContext) {
  const g = c.GO(0) as string;
  const xs = c.shape(c.I(0));
  const ws = c.shape(c.I(1));
  const ys = c.shape(c.O(0));
  return { g, xs, ws, rank: xs.length, kernel: ws.slice(2), inSize: xs.slice(2), outSize: ys.slice(2) };
}

/** dB: the output gradient summed over the batch and every spatial axis. */
function biasGrad(c: GradContext, g: string, rank: number): string {
  return c.emit('ReduceSum', [g, c.ints([0, ...range(2, rank)])], { keepdims: 0 });
}

function convGrad(c: GradContext): (string | undefined)[] {
  const { g, xs, ws, rank, kernel, inSize, outSize } = convShapes(c);
  const group = attrInt(c.node, 'group', 1);
  const geo = forwardGeometry(c.node, kernel, inSize, outSize);
  const grads: (string | undefined)[] = [undefined, undefined, undefined];
  if (c.needs(0)) {
    const reach = kernel.map((k, i) => (k - 1) * geo.dilations[i]);
    const asConv = geo.strides.every((s) => s === 1) && reach.every((r, i) => geo.padBegin[i] <= r && geo.padEnd[i] <= r);
    if (asConv) {
      // Stride 1: dX is a convolution with the flipped, channel-swapped kernel (a constant that
      // onnxruntime folds at load time), faster than ConvTranspose and open to Conv fusions.
      grads[0] = c.emit('Conv', [g, flippedKernel(c, c.I(1), ws, group)], {
        dilations: geo.dilations,
        pads: [...reach.map((r, i) => r - geo.padBegin[i]), ...reach.map((r, i) => r - geo.padEnd[i])],
        group,
      });
    } else {
      const attrs = adjointTransposeAttrs(geo, inSize, outSize);
      grads[0] = c.emit('ConvTranspose', [g, c.I(1)], { ...attrs, strides: geo.strides, dilations: geo.dilations, group });
    }
  }
  if (c.needs(1)) {
    const cg = xs[1] / group;
    // X' [Cg, G·N, *in]: channel c of group j of sample n goes to batch c, channel j·N + n.
    const xT = group === 1
      ? c.emit('Transpose', [c.I(0)], { perm: swap01(rank) })
      : c.emit('Reshape', [
          c.emit('Transpose', [c.emit('Reshape', [c.I(0), c.ints([-1, group, cg, ...inSize])])], { perm: [2, 1, 0, ...range(3, rank + 1)] }),
          c.ints([cg, -1, ...inSize]),
        ]);
    const gT = c.emit('Transpose', [g], { perm: swap01(rank) });
    const corr = correlate(c, xT, gT, inSize, outSize, kernel, geo.dilations, geo.strides, geo.padBegin, group);
    grads[1] = c.emit('Transpose', [corr], { perm: swap01(rank) });
  }
  if (c.I(2) && c.needs(2)) grads[2] = biasGrad(c, g, rank);
  return grads;
}

function convTransposeGrad(c: GradContext): (string | undefined)[] {
  const { g, rank, kernel, inSize, outSize } = convShapes(c);
  const n = kernel.length;
  const group = attrInt(c.node, 'group', 1);
  const strides = attrInts(c.node, 'strides', Array(n).fill(1));
  const dilations = attrInts(c.node, 'dilations', Array(n).fill(1));
  const outPad = attrInts(c.node, 'output_padding', Array(n).fill(0));
  const explicit = attrInts(c.node, 'pads');
  const autoPad = c.node.attribute.find((a) => a.name === 'auto_pad');
  let pb: number[];
  if (explicit && !autoPad) pb = explicit.slice(0, n);
  else {
    const total = kernel.map((k, i) => strides[i] * (inSize[i] - 1) + outPad[i] + dilations[i] * (k - 1) + 1 - outSize[i]);
    const lower = autoPad && new TextDecoder().decode(autoPad.s) === 'SAME_LOWER';
    pb = total.map((t) => (lower ? t - Math.floor(t / 2) : Math.floor(t / 2)));
  }
  const grads: (string | undefined)[] = [undefined, undefined, undefined];
  if (c.needs(0)) {
    const pe = kernel.map((k, i) => Math.max(0, strides[i] * (inSize[i] - 1) + dilations[i] * (k - 1) + 1 - pb[i] - outSize[i]));
    grads[0] = c.emit('Conv', [g, c.I(1)], { strides, dilations, pads: [...pb, ...pe], group });
  }
  if (c.needs(1)) {
    if (group !== 1) throw new Error('the weight gradient of a grouped ConvTranspose is not supported');
    const gT = c.emit('Transpose', [g], { perm: swap01(rank) });
    const xT = c.emit('Transpose', [c.I(0)], { perm: swap01(rank) });
    const corr = correlate(c, gT, xT, outSize, inSize, kernel, dilations, strides, pb, 1);
    grads[1] = c.emit('Transpose', [corr], { perm: swap01(rank) });
  }
  if (c.I(2) && c.needs(2)) grads[2] = biasGrad(c, g, rank);
  return grads;
}

/** Convolution rules. */
export const convRules: Record<string, GradRule> = {
  Conv: { grad: convGrad },
  ConvTranspose: { grad: convTransposeGrad },
};
