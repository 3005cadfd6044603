/** ReduceSum / ReduceMean gradients: dY broadcast back over the reduced axes (÷ count for the mean). */
import { attrInt } from '../../onnx/attributes';
import type { GradContext, GradRule } from '../rule';

function reduceGrad(mean: boolean) {
  return (c: GradContext): (string | undefined)[] => {
    if (!c.needs(0)) return [undefined];
    const xs = c.shape(c.I(0));
    const rank = xs.length;
    const given = c.I(1) ? c.value(c.I(1)) : undefined;
    if (c.I(1) && !given) throw new Error('reduction axes computed at run time are not supported');
    let axes = given ? Array.from(given, (a) => (a < 0 ? a + rank : a)) : [];
    if (axes.length === 0) {
      if (attrInt(c.node, 'noop_with_empty_axes', 0)) return [c.GO(0)];
      axes = xs.map((_, i) => i);
    }
    let g = c.GO(0) as string;
    if (!attrInt(c.node, 'keepdims', 1)) g = c.emit('Unsqueeze', [g, c.ints(axes)]);
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
};
