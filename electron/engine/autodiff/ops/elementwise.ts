/** Gradients of broadcasting arithmetic (Add/Sub/Mul/Div/Pow/Sum/Where/Expand) and unary math. */
import type { GradContext, GradRule } from '../rule';

const out = (c: GradContext) => c.shape(c.O(0));
/** Gradient for input i of a broadcasting op, from an output-shaped gradient. */
const toInput = (c: GradContext, g: string, i: number) => c.reduceTo(g, out(c), c.I(i));

/** Rule for a unary op: dX = GO ⊙ f(c). */
const unary = (f: (c: GradContext, g: string) => string): GradRule => ({
  grad: (c) => {
    const g = c.GO(0);
    return [g && c.needs(0) ? f(c, g) : undefined];
  },
});

/** Max/Min of two tensors: the gradient goes to the selected operand (ties to the first). */
function pick(c: GradContext, firstWins: string, secondWins: string): (string | undefined)[] {
  if (c.node.input.length !== 2) throw new Error(`${c.node.opType} with ${c.node.input.length} inputs is not supported (2 only)`);
  const g = c.GO(0) as string;
  const take = (cmp: string, i: number) => toInput(c, c.emit('Mul', [g, c.emit('Cast', [c.emit(cmp, [c.I(0), c.I(1)])], { to: 1 })]), i);
  return [c.needs(0) ? take(firstWins, 0) : undefined, c.needs(1) ? take(secondWins, 1) : undefined];
}

/** Element-wise rules. */
export const elementwiseRules: Record<string, GradRule> = {
  Add: { grad: (c) => [0, 1].map((i) => (c.needs(i) ? toInput(c, c.GO(0) as string, i) : undefined)) },
  Sub: {
    grad: (c) => {
      const g = c.GO(0) as string;
      return [c.needs(0) ? toInput(c, g, 0) : undefined, c.needs(1) ? toInput(c, c.emit('Neg', [g]), 1) : undefined];
    },
  },
  Mul: {
    grad: (c) => {
      const g = c.GO(0) as string;
      return [0, 1].map((i) => (c.needs(i) ? toInput(c, c.emit('Mul', [g, c.I(1 - i)]), i) : undefined));
    },
  },
  Div: {
    grad: (c) => {
      const g = c.GO(0) as string;
      const da = c.needs(0) ? toInput(c, c.emit('Div', [g, c.I(1)]), 0) : undefined;
      // d(a/b)/db = −y/b
      const db = c.needs(1) ? toInput(c, c.emit('Neg', [c.emit('Div', [c.emit('Mul', [g, c.O(0)]), c.I(1)])]), 1) : undefined;
      return [da, db];
    },
  },
  Pow: {
    grad: (c) => {
      const g = c.GO(0) as string;
      let da: string | undefined;
      if (c.needs(0)) {
        const bm1 = c.emit('Sub', [c.I(1), c.scalar(1)]);
        da = toInput(c, c.emit('Mul', [g, c.emit('Mul', [c.I(1), c.emit('Pow', [c.I(0), bm1])])]), 0);
      }
      const db = c.needs(1) ? toInput(c, c.emit('Mul', [g, c.emit('Mul', [c.O(0), c.emit('Log', [c.I(0)])])]), 1) : undefined;
      return [da, db];
    },
  },
  Sum: { grad: (c) => c.node.input.map((_, i) => (c.needs(i) ? toInput(c, c.GO(0) as string, i) : undefined)) },
  Where: {
    grad: (c) => {
      const g = c.GO(0) as string;
      const zero = c.scalar(0);
      return [
        undefined,
        c.needs(1) ? toInput(c, c.emit('Where', [c.I(0), g, zero]), 1) : undefined,
        c.needs(2) ? toInput(c, c.emit('Where', [c.I(0), zero, g]), 2) : undefined,
      ];
    },
  },
  Max: { grad: (c) => pick(c, 'GreaterOrEqual', 'Less') },
  Min: { grad: (c) => pick(c, 'LessOrEqual', 'Greater') },
  Expand: { grad: (c) => [c.needs(0) ? toInput(c, c.GO(0) as string, 0) : undefined] },
  Identity: unary((_c, g) => g),
  Dropout: unary((_c, g) => g),
  Cast: unary((_c, g) => g),
  Neg: unary((c, g) => c.emit('Neg', [g])),
  Sqrt: unary((c, g) => c.emit('Div', [g, c.emit('Mul', [c.O(0), c.scalar(2)])])),
  Exp: unary((c, g) => c.emit('Mul', [g, c.O(0)])),
  Log: unary((c, g) => c.emit('Div', [g, c.I(0)])),
  Abs: unary((c, g) => c.emit('Mul', [g, c.emit('Sign', [c.I(0)])])),
  Reciprocal: unary((c, g) => c.emit('Neg', [c.emit('Mul', [g, c.emit('Mul', [c.O(0), c.O(0)])])])),
};
