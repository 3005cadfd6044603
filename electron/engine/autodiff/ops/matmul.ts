/** Gradients of MatMul (batched, broadcasting, 1-D operands) and Gemm (transA/transB, alpha/beta). */
import { attrFloat, attrInt } from '../../onnx/attributes';
import type { GradContext, GradRule } from '../rule';

/** Swaps the last two axes of a rank-`rank` tensor. */
const swapLast = (c: GradContext, t: string, rank: number) =>
  c.emit('Transpose', [t], { perm: [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2] });

function matmulGrad(c: GradContext): (string | undefined)[] {
  let a = c.I(0);
  let b = c.I(1);
  let g = c.GO(0) as string;
  let sa = c.shape(a);
  let sb = c.shape(b);
  let sy = c.shape(c.O(0));
  // 1-D operands are promoted as numpy.matmul does, and the promoted axes removed afterwards.
  if (sa.length === 1) {
    a = c.emit('Unsqueeze', [a, c.ints([0])]);
    g = c.emit('Unsqueeze', [g, c.ints([-2])]);
    sa = [1, ...sa];
    sy = [...sy.slice(0, -1), 1, ...sy.slice(-1)];
  }
  if (sb.length === 1) {
    b = c.emit('Unsqueeze', [b, c.ints([1])]);
    g = c.emit('Unsqueeze', [g, c.ints([-1])]);
    sb = [...sb, 1];
    sy = [...sy, 1];
  }
  const rank = sy.length;
  const back = (grad: string, gradShape: number[], target: string, promoted: number[]) => {
    const full = promoted.length === gradShape.length && promoted.every((d, i) => d === gradShape[i]);
    if (full && c.shape(target).length === promoted.length) return grad;
    const lead = gradShape.length - promoted.length;
    const axes = gradShape.map((_, i) => i).filter((i) => i < lead || (promoted[i - lead] === 1 && gradShape[i] !== 1));
    const summed = axes.length ? c.emit('ReduceSum', [grad, c.ints(axes)], { keepdims: 1 }) : grad;
    return c.emit('Reshape', [summed, c.shapeOf(target)]);
  };
  let da: string | undefined;
  let db: string | undefined;
  if (c.needs(0)) {
    const shape = [...sy.slice(0, -1), sb[sb.length - 2]];
    da = back(c.emit('MatMul', [g, swapLast(c, b, Math.max(sb.length, 2))]), shape, c.I(0), sa);
  }
  if (c.needs(1)) {
    const shape = [...sy.slice(0, -2), sa[sa.length - 1], sy[rank - 1]];
    db = back(c.emit('MatMul', [swapLast(c, a, Math.max(sa.length, 2)), g]), shape, c.I(1), sb);
  }
  return [da, db];
}

function gemmGrad(c: GradContext): (string | undefined)[] {
  const g = c.GO(0) as string;
  const alpha = attrFloat(c.node, 'alpha', 1);
  const beta = attrFloat(c.node, 'beta', 1);
  const ta = attrInt(c.node, 'transA', 0);
  const tb = attrInt(c.node, 'transB', 0);
  const gemm = (x: string, y: string, transA: number, transB: number) => c.emit('Gemm', [x, y], { alpha, transA, transB });
  let da: string | undefined;
  let db: string | undefined;
  let dc: string | undefined;
  if (c.needs(0)) da = ta ? gemm(c.I(1), g, tb, 1) : gemm(g, c.I(1), 0, tb ? 0 : 1);
  if (c.needs(1)) db = tb ? gemm(g, c.I(0), 1, ta) : gemm(c.I(0), g, ta ? 0 : 1, 0);
  if (c.I(2) && c.needs(2)) {
    const scaled = beta === 1 ? g : c.emit('Mul', [g, c.scalar(beta)]);
    dc = c.reduceTo(scaled, c.shape(c.O(0)), c.I(2));
  }
  return [da, db, dc];
}

/** Matrix-product rules. */
export const matmulRules: Record<string, GradRule> = {
  MatMul: { grad: matmulGrad },
  Gemm: { grad: gemmGrad },
};
