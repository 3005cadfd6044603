/**
 * Resize gradient. Resize over the spatial axes is separable and linear: Y = A_h·X·A_wᵀ per
 * plane (one matrix per axis in 3-D), so dX = A_hᵀ·dY·A_w as two MatMuls. A_h and A_w are taken exactly, at compile time, by
 * running onnxruntime's own Resize (same attributes and scales) on identity matrices.
 */
import { InferenceSession, Tensor } from 'onnxruntime-node';
import type { NodeProto } from 'onnx-buf';
import { attrInts, attrString } from '../../onnx/attributes';
import { DataType, makeModel, makeNode, makeTensor, makeValueInfo } from '../../onnx/builder';
import { encodeModel } from '../../onnx/model';
import type { GradContext, GradRule, ProbeView } from '../rule';

/** Per spatial axis, the matrix A [out, in] of the 1-D resampling along it (row-major). */
type ResizeMatrices = Float32Array[];

/** Matrix [out, n] of the node's 1-D resampling of length n → out, measured with onnxruntime. */
async function matrix(node: NodeProto, probe: ProbeView, n: number, out: number, scale: number | undefined): Promise<Float32Array> {
  const resize = makeNode('Resize', ['x', '', scale === undefined ? '' : 'scales', scale === undefined ? 'sizes' : ''], ['y'], {}, 'resize');
  resize.attribute = node.attribute.filter((a) => a.name !== 'axes' && a.name !== 'keep_aspect_ratio_policy');
  const initializers = scale === undefined
    ? [makeTensor('sizes', BigInt64Array.from([1n, 1n, BigInt(out), BigInt(n)]), [4])]
    : [makeTensor('scales', Float32Array.from([1, 1, scale, 1]), [4])];
  const model = makeModel(
    { nodes: [resize], inputs: [makeValueInfo('x', DataType.FLOAT, [1, 1, n, n])], outputs: [makeValueInfo('y', DataType.FLOAT)], initializers },
    { opset: probe.opset },
  );
  const session = await InferenceSession.create(encodeModel(model), { executionProviders: ['cpu'], logSeverityLevel: 3 });
  const eye = new Float32Array(n * n);
  for (let i = 0; i < n; i += 1) eye[i * n + i] = 1;
  const y = (await session.run({ x: new Tensor('float32', eye, [1, 1, n, n]) })).y;
  await session.release();
  if (Number(y.dims[2]) !== out) throw new Error(`Resize matrix: expected ${out} rows, onnxruntime produced ${y.dims[2]}`);
  return y.data as Float32Array;
}

async function prepareResize(node: NodeProto, probe: ProbeView): Promise<ResizeMatrices> {
  const xs = probe.shape(node.input[0]);
  const ys = probe.shape(node.output[0]);
  if (xs.length < 3 || xs[0] !== ys[0] || xs[1] !== ys[1]) {
    throw new Error(`Resize node "${node.name}": only resizing the spatial axes of [N, C, ...] is differentiable (shape [${xs.join(', ')}] → [${ys.join(', ')}])`);
  }
  if (attrString(node, 'coordinate_transformation_mode', 'half_pixel') === 'tf_crop_and_resize') {
    throw new Error(`Resize node "${node.name}": tf_crop_and_resize is not differentiable here`);
  }
  // Per-axis scales exactly as given (they enter the coordinate transform); else sizes from the probe.
  const given = node.input[2] ? probe.value(node.input[2]) : undefined;
  let scales: number[] | undefined;
  if (given?.length) {
    const axes = attrInts(node, 'axes');
    scales = xs.map(() => 1);
    if (axes) axes.forEach((a, i) => (scales![a < 0 ? a + xs.length : a] = given[i]));
    else scales = Array.from(given);
  }
  const out: Float32Array[] = [];
  for (let axis = 2; axis < xs.length; axis += 1) out.push(await matrix(node, probe, xs[axis], ys[axis], scales?.[axis]));
  return out;
}

function resizeGrad(c: GradContext): (string | undefined)[] {
  if (!c.needs(0)) return [undefined];
  const matrices = c.prepared as ResizeMatrices;
  const xs = c.shape(c.I(0));
  const ys = c.shape(c.O(0));
  const rank = xs.length;
  let g = c.GO(0) as string;
  if (rank === 4) {
    // dX = A_hᵀ·dY·A_w as two broadcast MatMuls, no transposes.
    const [ah, aw] = matrices;
    const ahT = new Float32Array(ah.length);
    for (let o = 0; o < ys[2]; o += 1) for (let i = 0; i < xs[2]; i += 1) ahT[i * ys[2] + o] = ah[o * xs[2] + i];
    const rows = c.emit('MatMul', [c.floats(ahT, [xs[2], ys[2]]), g]);
    return [c.emit('MatMul', [rows, c.floats(aw, [ys[3], xs[3]])])];
  }
  // Any other rank: contract each spatial axis moved last, dX[…, i] = Σ_o dY[…, o]·A[o, i].
  matrices.forEach((a, k) => {
    const axis = k + 2;
    const perm = Array.from({ length: rank }, (_, i) => i);
    [perm[axis], perm[rank - 1]] = [perm[rank - 1], perm[axis]];
    const moved = axis === rank - 1 ? g : c.emit('Transpose', [g], { perm });
    const contracted = c.emit('MatMul', [moved, c.floats(a, [ys[axis], xs[axis]])]);
    g = axis === rank - 1 ? contracted : c.emit('Transpose', [contracted], { perm });
  });
  return [g];
}

/** Resize rule. */
export const resizeRules: Record<string, GradRule> = {
  Resize: { grad: resizeGrad, prepare: prepareResize },
};
