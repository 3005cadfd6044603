/**
 * Reduction gradients: dY broadcast back over the reduced axes (÷ count for the mean; shared by
 * ties for max/min; 2x for the sum of squares; x/y for L2; softmax weights for LogSumExp).
 */
import { attrInt } from '../../onnx/attributes';
import type { GradContext, GradRule } from '../rule';

/** Reduced axes (normalised), or undefined for a no-op reduction. */
function reducedAxes(c: GradContext): number[] | undefined {
  const rank = c.shape(c.I(0)).length;
  const given = c.I(1) ? c.value(c.I(1)) : undefined;
  if (c.I(1) && !given) throw new Error('reduction axes computed at run time are not supported');
  const axes = given ? Array.from(given, (a) => (a < 0 ? a + rank : a)) : [];
  if (axes.length) return axes;
  return attrInt(c.node, 'noop_with_empty_axes', 0) ? undefined : Array.from({ length: rank }, (_, i) => i);
}

/** dY and Y with the reduced axes kept (size 1), so they broadcast against X. */
function kept(c: GradContext, axes: number[]): { g: string; y: string } {
  const keep = attrInt(c.node, 'keepdims', 1) === 1;
  const up = (t: string) => (keep ? t : c.emit('Unsqueeze', [t, c.ints(axes)]));
  return { g: up(c.GO(0) as string), y: up(c.O(0)) };
}

/** ReduceMax/ReduceMin: the gradient is shared equally by the tied extreme elements (as torch.amax). */
function extremeGrad(c: GradContext): (string | undefined)[] {
  if (!c.needs(0)) return [undefined];
  const axes = reducedAxes(c);
  if (!axes) return [c.GO(0)];
  const { g, y } = kept(c, axes);
  const mask = c.emit('Cast', [c.emit('Equal', [c.I(0), y])], { to: 1 });
  const share = c.emit('Div', [g, c.emit('ReduceSum', [mask, c.ints(axes)], { keepdims: 1 })]);
  return [c.emit('Mul', [mask, share])];
}

/** Rules of the form dX = dY (kept dims) · f(X, Y). */
function pointwiseGrad(f: (c: GradContext, g: string, y: string) => string) {
  return (c: GradContext): (string | undefined)[] => {
    if (!c.needs(0)) return [undefined];
    const axes = reducedAxes(c);
    if (!axes) return [c.GO(0)];
    const { g, y } = kept(c, axes);
    return [f(c, g, y)];
  };
}

function reduceGrad(mean: boolean) {
  return (c: GradContext): (string | undefined)[] => {
    if (!c.needs(0)) return [undefined];
    const xs = c.shape(c.I(0));
    const axes = reducedAxes(c);
    if (!axes) return [c.GO(0)];
    let g = kept(c, axes).g;
    if (mean) {
      if (axes.includes(0)) {
        const ratio = c.emit('Div', [c.emit('Size', [c.I(0)]), c.emit('Size', [c.O(0)])]);
        g = c.emit('Div', [g, c.emit('Cast', [ratio], { to: 1 })]);
      } else g = c.emit('Mul', [g, c.scalar(1 / axes.reduce((p, a) => p * xs[a], 1))]);
    }
    return [c.emit('Expand', [g, c.shapeOf(c.I(0))])];
  };
}

/** Reduction rules. */
export const reduceRules: Record<string, GradRule> = {
  ReduceSum: { grad: reduceGrad(false) },
  ReduceMean: { grad: reduceGrad(true) },
  ReduceMax: { grad: extremeGrad },
  ReduceMin: { grad: extremeGrad },
  ReduceSumSquare: { grad: pointwiseGrad((c, g) => c.emit('Mul', [g, c.emit('Mul', [c.I(0), c.scalar(2)])])) },
  ReduceL2: { grad: pointwiseGrad((c, g, y) => c.emit('Mul', [g, c.emit('Div', [c.I(0), y])])) },
  ReduceLogSumExp: { grad: pointwiseGrad((c, g, y) => c.emit('Mul', [g, c.emit('Exp', [c.emit('Sub', [c.I(0), y])])])) },
};
