/** Gradients of layout ops: Reshape/Flatten/Squeeze/Unsqueeze, Transpose, Concat, Split. */
import { attrInt, attrInts } from '../../onnx/attributes';
import type { GradContext, GradRule } from '../rule';

/** dX = Reshape(dY, Shape(X)). */
const reshapeBack: GradRule = {
  grad: (c) => [c.needs(0) ? c.emit('Reshape', [c.GO(0) as string, c.shapeOf(c.I(0))]) : undefined],
};

const normAxis = (axis: number, rank: number) => (axis < 0 ? axis + rank : axis);

/** Sizes of `names` along `axis`: static ints when the axis is not the batch, else from Shape at run time. */
function sizesAlong(c: GradContext, names: string[], axis: number): string {
  if (axis !== 0) return c.ints(names.map((n) => c.shape(n)[axis]));
  const parts = names.map((n) => c.emit('Gather', [c.shapeOf(n), c.ints([0])], { axis: 0 }));
  return parts.length === 1 ? parts[0] : c.emit('Concat', parts, { axis: 0 });
}

/** Layout rules. */
export const shapeRules: Record<string, GradRule> = {
  Reshape: reshapeBack,
  Flatten: reshapeBack,
  Squeeze: reshapeBack,
  Unsqueeze: reshapeBack,
  Transpose: {
    grad: (c) => {
      const rank = c.shape(c.I(0)).length;
      const perm = attrInts(c.node, 'perm') ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
      const inverse = perm.map((_, i) => perm.indexOf(i));
      return [c.needs(0) ? c.emit('Transpose', [c.GO(0) as string], { perm: inverse }) : undefined];
    },
  },
  Concat: {
    grad: (c) => {
      const inputs = c.node.input;
      const axis = normAxis(attrInt(c.node, 'axis', 0), c.shape(c.O(0)).length);
      const parts = c.emitN('Split', [c.GO(0) as string, sizesAlong(c, inputs, axis)], inputs.length, { axis });
      return inputs.map((_, i) => (c.needs(i) ? parts[i] : undefined));
    },
  },
  Split: {
    grad: (c) => {
      const axis = normAxis(attrInt(c.node, 'axis', 0), c.shape(c.I(0)).length);
      const parts = c.node.output.map((o, i) => c.GO(i) ?? c.emit('ConstantOfShape', [c.shapeOf(o)]));
      return [c.needs(0) ? c.emit('Concat', parts, { axis }) : undefined];
    },
  },
};
