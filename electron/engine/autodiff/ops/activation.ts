/** Gradients of activations; masks are taken from outputs where possible so ORT keeps Conv+Relu fused. */
import { attrFloat, attrString } from '../../onnx/attributes';
import type { GradContext, GradRule } from '../rule';

const unary = (f: (c: GradContext, g: string) => string): GradRule => ({
  grad: (c) => {
    const g = c.GO(0);
    return [g && c.needs(0) ? f(c, g) : undefined];
  },
});

/** g ⊙ mask as Mul(g, Cast(mask)): about 4× faster in onnxruntime than Where(mask, g, 0) or Sign. */
const masked = (c: GradContext, mask: string, g: string) => c.emit('Mul', [g, c.emit('Cast', [mask], { to: 1 })]);
const SQRT_2_PI = Math.sqrt(2 / Math.PI);

/** Activation rules. */
export const activationRules: Record<string, GradRule> = {
  Relu: unary((c, g) => masked(c, c.emit('Greater', [c.O(0), c.scalar(0)]), g)),
  LeakyRelu: unary((c, g) => {
    const alpha = attrFloat(c.node, 'alpha', 0.01);
    return c.emit('Where', [c.emit('Greater', [c.I(0), c.scalar(0)]), g, c.emit('Mul', [g, c.scalar(alpha)])]);
  }),
  PRelu: {
    grad: (c) => {
      const g = c.GO(0) as string;
      const pos = c.emit('Greater', [c.I(0), c.scalar(0)]);
      const shape = c.shape(c.O(0));
      const dx = c.needs(0) ? c.emit('Where', [pos, g, c.emit('Mul', [g, c.I(1)])]) : undefined;
      const ds = c.needs(1) ? c.reduceTo(c.emit('Where', [pos, c.scalar(0), c.emit('Mul', [g, c.I(0)])]), shape, c.I(1)) : undefined;
      return [dx, ds];
    },
  },
  Clip: unary((c, g) => {
    // ORT clips with inclusive bounds; the gradient passes where min ≤ x ≤ max.
    let mask: string | undefined;
    if (c.I(1)) mask = c.emit('GreaterOrEqual', [c.I(0), c.I(1)]);
    if (c.I(2)) {
      const upper = c.emit('LessOrEqual', [c.I(0), c.I(2)]);
      mask = mask ? c.emit('And', [mask, upper]) : upper;
    }
    return mask ? masked(c, mask, g) : g;
  }),
  Sigmoid: unary((c, g) => c.emit('Mul', [g, c.emit('Mul', [c.O(0), c.emit('Sub', [c.scalar(1), c.O(0)])])])),
  Tanh: unary((c, g) => c.emit('Mul', [g, c.emit('Sub', [c.scalar(1), c.emit('Mul', [c.O(0), c.O(0)])])])),
  HardSigmoid: unary((c, g) => {
    const alpha = attrFloat(c.node, 'alpha', 0.2);
    const y = c.O(0);
    const inside = c.emit('And', [c.emit('Greater', [y, c.scalar(0)]), c.emit('Less', [y, c.scalar(1)])]);
    return masked(c, inside, c.emit('Mul', [g, c.scalar(alpha)]));
  }),
  HardSwish: unary((c, g) => {
    // y = x·clip(x/6 + 1/2, 0, 1): slope 0 below −3, 1 above 3, (2x + 3)/6 between.
    const x = c.I(0);
    const mid = c.emit('Add', [c.emit('Mul', [x, c.scalar(1 / 3)]), c.scalar(0.5)]);
    const slope = c.emit('Where', [c.emit('Less', [x, c.scalar(-3)]), c.scalar(0), c.emit('Where', [c.emit('Greater', [x, c.scalar(3)]), c.scalar(1), mid])]);
    return c.emit('Mul', [g, slope]);
  }),
  Erf: unary((c, g) => {
    const x = c.I(0);
    const e = c.emit('Exp', [c.emit('Neg', [c.emit('Mul', [x, x])])]);
    return c.emit('Mul', [g, c.emit('Mul', [e, c.scalar(2 / Math.sqrt(Math.PI))])]);
  }),
  Gelu: unary((c, g) => {
    const x = c.I(0);
    const x2 = c.emit('Mul', [x, x]);
    if (attrString(c.node, 'approximate', 'none') === 'tanh') {
      const inner = c.emit('Mul', [c.emit('Add', [x, c.emit('Mul', [c.emit('Mul', [x2, x]), c.scalar(0.044715)])]), c.scalar(SQRT_2_PI)]);
      const t = c.emit('Tanh', [inner]);
      const dInner = c.emit('Mul', [c.emit('Add', [c.scalar(1), c.emit('Mul', [x2, c.scalar(3 * 0.044715)])]), c.scalar(SQRT_2_PI)]);
      const sech2 = c.emit('Sub', [c.scalar(1), c.emit('Mul', [t, t])]);
      const d = c.emit('Add', [c.emit('Mul', [c.emit('Add', [c.scalar(1), t]), c.scalar(0.5)]), c.emit('Mul', [c.emit('Mul', [x, sech2]), c.emit('Mul', [dInner, c.scalar(0.5)])])]);
      return c.emit('Mul', [g, d]);
    }
    // Φ(x) + x·φ(x)
    const cdf = c.emit('Mul', [c.emit('Add', [c.scalar(1), c.emit('Erf', [c.emit('Mul', [x, c.scalar(Math.SQRT1_2)])])]), c.scalar(0.5)]);
    const pdf = c.emit('Mul', [c.emit('Exp', [c.emit('Mul', [x2, c.scalar(-0.5)])]), c.scalar(1 / Math.sqrt(2 * Math.PI))]);
    return c.emit('Mul', [g, c.emit('Add', [cdf, c.emit('Mul', [x, pdf])])]);
  }),
  Softplus: unary((c, g) => c.emit('Mul', [g, c.emit('Sigmoid', [c.I(0)])])),
  Elu: unary((c, g) => {
    // x > 0: 1; else α·eˣ = y + α
    const alpha = attrFloat(c.node, 'alpha', 1);
    const neg = c.emit('Add', [c.O(0), c.scalar(alpha)]);
    return c.emit('Mul', [g, c.emit('Where', [c.emit('Greater', [c.I(0), c.scalar(0)]), c.scalar(1), neg])]);
  }),
  Selu: unary((c, g) => {
    // x > 0: γ; else γ·α·eˣ = y + γ·α
    const alpha = attrFloat(c.node, 'alpha', 1.67326319217681884765625);
    const gamma = attrFloat(c.node, 'gamma', 1.05070102214813232421875);
    const neg = c.emit('Add', [c.O(0), c.scalar(alpha * gamma)]);
    return c.emit('Mul', [g, c.emit('Where', [c.emit('Greater', [c.I(0), c.scalar(0)]), c.scalar(gamma), neg])]);
  }),
  Mish: unary((c, g) => {
    // y = x·tanh(softplus(x)): dy/dx = t + x·(1 − t²)·σ(x), t = tanh(softplus(x))
    const x = c.I(0);
    const t = c.emit('Tanh', [c.emit('Softplus', [x])]);
    const sech2 = c.emit('Sub', [c.scalar(1), c.emit('Mul', [t, t])]);
    return c.emit('Mul', [g, c.emit('Add', [t, c.emit('Mul', [c.emit('Mul', [x, sech2]), c.emit('Sigmoid', [x])])])]);
  }),
  Softmax: unary((c, g) => {
    const axis = c.ints([Number(c.node.attribute.find((a) => a.name === 'axis')?.i ?? -1n)]);
    const y = c.O(0);
    const dot = c.emit('ReduceSum', [c.emit('Mul', [g, y]), axis], { keepdims: 1 });
    return c.emit('Mul', [y, c.emit('Sub', [g, dot])]);
  }),
  LogSoftmax: unary((c, g) => {
    const axis = c.ints([Number(c.node.attribute.find((a) => a.name === 'axis')?.i ?? -1n)]);
    const total = c.emit('ReduceSum', [g, axis], { keepdims: 1 });
    return c.emit('Sub', [g, c.emit('Mul', [c.emit('Exp', [c.O(0)]), total])]);
  }),
};
