/**
 * Gradients of selection ops (Slice, Gather, GatherElements, GatherND, Pad, Tile) by one generic
 * rule: the forward op is applied to a tensor of 1-based element indices of X, and dY is
 * scatter-added (ScatterElements, reduction=add) back to those positions. Index 0 marks padding.
 */
import type { GradContext, GradRule } from '../rule';

/** dX for a selection op whose data input is input 0. */
function scatterBack(c: GradContext, inputsFor: (idx: string) => string[]): string {
  const x = c.I(0);
  const one = c.emit('Squeeze', [c.ints([1])]);
  const count = c.emit('Size', [x]);
  const end = c.emit('Add', [count, one]);
  const idx = c.emit('Reshape', [c.emit('Range', [one, end, one]), c.shapeOf(x)]);
  const selected = c.emit('Reshape', [c.again(inputsFor(idx)), c.ints([-1])]);
  const zeros = c.emit('ConstantOfShape', [c.emit('Reshape', [end, c.ints([1])])]);
  const flat = c.emit('Reshape', [c.GO(0) as string, c.ints([-1])]);
  const summed = c.emit('ScatterElements', [zeros, selected, flat], { axis: 0, reduction: 'add' });
  const body = c.emit('Slice', [summed, c.ints([1]), c.ints([Number.MAX_SAFE_INTEGER])]);
  return c.emit('Reshape', [body, c.shapeOf(x)]);
}

/** Rule re-applying the op with the other inputs unchanged. */
const selection: GradRule = {
  grad: (c) => [c.needs(0) ? scatterBack(c, (idx) => [idx, ...c.node.input.slice(1)]) : undefined],
};

/** Selection rules. */
export const selectRules: Record<string, GradRule> = {
  Slice: selection,
  Gather: selection,
  GatherElements: selection,
  GatherND: selection,
  Tile: selection,
  Pad: {
    grad: (c) => {
      if (!c.needs(0)) return [undefined];
      // The pad value of the index tensor is 0 ("no element"), whatever the float pad value was.
      const zero = c.emit('Squeeze', [c.ints([0])]);
      return [scatterBack(c, (idx) => [idx, c.I(1), zero, ...(c.I(3) ? [c.I(3)] : [])])];
    },
  },
};
