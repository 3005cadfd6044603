/**
 * Resize gradient. Resize over the last two axes is separable and linear: Y = A_h·X·A_wᵀ per
 * plane, so dX = A_hᵀ·dY·A_w as two MatMuls. A_h and A_w are taken exactly, at compile time, by
 * running onnxruntime's own Resize (same attributes and scales) on identity matrices.
 */
import { InferenceSession, Tensor } from 'onnxruntime-node';
import type { NodeProto } from 'onnx-buf';
import { attrString } from '../../onnx/attributes';
import { DataType, makeModel, makeNode, makeTensor, makeValueInfo } from '../../onnx/builder';
import { encodeModel } from '../../onnx/model';
import type { GradContext, GradRule, ProbeView } from '../rule';

interface ResizeMatrices {
  /** A_hᵀ [H, Ho] and A_w [Wo, W], row-major. */
  ahT: Float32Array;
  aw: Float32Array;
}

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
  const session = await InferenceSession.create(encodeModel(model), { executionProviders: ['cpu'] });
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
  if (xs.length !== 4 || xs[0] !== ys[0] || xs[1] !== ys[1]) {
    throw new Error(`Resize node "${node.name}": only resizing the last two axes of a 4-D tensor is differentiable (shape [${xs.join(', ')}] → [${ys.join(', ')}])`);
  }
  if (attrString(node, 'coordinate_transformation_mode', 'half_pixel') === 'tf_crop_and_resize') {
    throw new Error(`Resize node "${node.name}": tf_crop_and_resize is not differentiable here`);
  }
  const scales = node.input[2] ? probe.value(node.input[2]) : undefined;
  const useScales = scales !== undefined && scales.length === 4;
  const [, , h, w] = xs;
  const [, , ho, wo] = ys;
  const ah = await matrix(node, probe, h, ho, useScales ? scales[2] : undefined);
  const aw = await matrix(node, probe, w, wo, useScales ? scales[3] : undefined);
  const ahT = new Float32Array(h * ho);
  for (let o = 0; o < ho; o += 1) for (let i = 0; i < h; i += 1) ahT[i * ho + o] = ah[o * h + i];
  return { ahT, aw };
}

function resizeGrad(c: GradContext): (string | undefined)[] {
  if (!c.needs(0)) return [undefined];
  const { ahT, aw } = c.prepared as ResizeMatrices;
  const [, , h, w] = c.shape(c.I(0));
  const [, , ho, wo] = c.shape(c.O(0));
  const rows = c.emit('MatMul', [c.floats(ahT, [h, ho]), c.GO(0) as string]);
  return [c.emit('MatMul', [rows, c.floats(aw, [wo, w])])];
}

/** Resize rule. */
export const resizeRules: Record<string, GradRule> = {
  Resize: { grad: resizeGrad, prepare: prepareResize },
};
