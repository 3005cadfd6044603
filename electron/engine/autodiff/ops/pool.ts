/**
 * Pooling gradients. MaxPool: the forward node is asked for its Indices and dY is scatter-added
 * there. AveragePool: a depthwise ConvTranspose of dY divided by each window's divisor, the
 * divisors taken at compile time from onnxruntime's own AveragePool (count_include_pad, ceil_mode
 * and pads exactly as the runtime treats them). GlobalAveragePool: Expand of dY / (H·W).
 * GlobalMaxPool: dY shared equally by the tied maxima of each channel (as torch.amax).
 */
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { attrInt, attrInts } from '../../onnx/attributes';
import { makeModel, makeNode, makeValueInfo, DataType } from '../../onnx/builder';
import { encodeModel } from '../../onnx/model';
import type { GradContext, GradRule, ProbeView } from '../rule';
import { adjointTransposeAttrs, forwardGeometry } from './convGeometry';

function maxPoolGrad(c: GradContext): (string | undefined)[] {
  if (!c.needs(0)) return [undefined];
  const x = c.I(0);
  const count = c.emit('Reshape', [c.emit('Size', [x]), c.ints([1])]);
  const zeros = c.emit('ConstantOfShape', [count]);
  const flatIdx = c.emit('Reshape', [c.O(1), c.ints([-1])]);
  const flatG = c.emit('Reshape', [c.GO(0) as string, c.ints([-1])]);
  const summed = c.emit('ScatterElements', [zeros, flatIdx, flatG], { axis: 0, reduction: 'add' });
  return [c.emit('Reshape', [summed, c.shapeOf(x)])];
}

function globalMaxGrad(c: GradContext): (string | undefined)[] {
  if (!c.needs(0)) return [undefined];
  const spatial = c.shape(c.I(0)).slice(2).map((_, i) => i + 2);
  const mask = c.emit('Cast', [c.emit('Equal', [c.I(0), c.O(0)])], { to: 1 });
  const share = c.emit('Div', [c.GO(0) as string, c.emit('ReduceSum', [mask, c.ints(spatial)], { keepdims: 1 })]);
  return [c.emit('Mul', [mask, share])];
}

/** 1 / divisor of every output window, shape [1, 1, *out], measured with onnxruntime. */
async function averageScale(node: Parameters<NonNullable<GradRule['prepare']>>[0], probe: ProbeView): Promise<Float32Array> {
  const xs = probe.shape(node.input[0]);
  const ys = probe.shape(node.output[0]);
  const inSize = xs.slice(2);
  const outSize = ys.slice(2);
  const kernel = attrInts(node, 'kernel_shape', []);
  const shape = [1, 1, ...inSize];
  const pool = makeNode('AveragePool', ['x'], ['y'], {}, 'pool');
  pool.attribute = node.attribute;
  const model = makeModel(
    { nodes: [pool], inputs: [makeValueInfo('x', DataType.FLOAT, shape)], outputs: [makeValueInfo('y', DataType.FLOAT)] },
    { opset: probe.opset },
  );
  const session = await InferenceSession.create(encodeModel(model), { executionProviders: ['cpu'], logSeverityLevel: 3 });
  const ones = new Float32Array(inSize.reduce((a, b) => a * b, 1)).fill(1);
  const mean = (await session.run({ x: new Tensor('float32', ones, shape) })).y.data as Float32Array;
  await session.release();
  // mean of ones = (real elements in the window) / divisor, so 1/divisor = mean / real.
  const geo = forwardGeometry(node, kernel, inSize, outSize);
  const real = outSize.map((o, axis) =>
    Array.from({ length: o }, (_, p) => {
      let n = 0;
      for (let k = 0; k < kernel[axis]; k += 1) {
        const at = p * geo.strides[axis] - geo.padBegin[axis] + k * geo.dilations[axis];
        if (at >= 0 && at < inSize[axis]) n += 1;
      }
      return n;
    }),
  );
  const scale = new Float32Array(mean.length);
  for (let i = 0; i < mean.length; i += 1) {
    let rest = i;
    let r = 1;
    for (let axis = outSize.length - 1; axis >= 0; axis -= 1) {
      r *= real[axis][rest % outSize[axis]];
      rest = Math.floor(rest / outSize[axis]);
    }
    scale[i] = r > 0 ? mean[i] / r : 0;
  }
  return scale;
}

function averagePoolGrad(c: GradContext): (string | undefined)[] {
  if (!c.needs(0)) return [undefined];
  const xs = c.shape(c.I(0));
  const ys = c.shape(c.O(0));
  const kernel = attrInts(c.node, 'kernel_shape', []);
  const inSize = xs.slice(2);
  const outSize = ys.slice(2);
  const channels = xs[1];
  const geo = forwardGeometry(c.node, kernel, inSize, outSize);
  const scale = c.floats(c.prepared as Float32Array, [1, 1, ...outSize]);
  const ones = c.floats(new Float32Array(channels * kernel.reduce((a, b) => a * b, 1)).fill(1), [channels, 1, ...kernel]);
  const scaled = c.emit('Mul', [c.GO(0) as string, scale]);
  const attrs = adjointTransposeAttrs(geo, inSize, outSize);
  return [c.emit('ConvTranspose', [scaled, ones], { ...attrs, strides: geo.strides, dilations: geo.dilations, group: channels })];
}

function globalAverageGrad(c: GradContext): (string | undefined)[] {
  if (!c.needs(0)) return [undefined];
  const area = c.shape(c.I(0)).slice(2).reduce((a, b) => a * b, 1);
  const g = c.emit('Mul', [c.GO(0) as string, c.scalar(1 / area)]);
  return [c.emit('Expand', [g, c.shapeOf(c.I(0))])];
}

/** Pooling rules. */
export const poolRules: Record<string, GradRule> = {
  MaxPool: {
    grad: maxPoolGrad,
    rewrite: (node, fresh) => {
      if (attrInt(node, 'storage_order', 0) !== 0) throw new Error(`MaxPool node "${node.name}": storage_order=1 is not supported`);
      if (!node.output[1]) node.output[1] = fresh('maxpool_indices');
    },
  },
  AveragePool: { grad: averagePoolGrad, prepare: averageScale },
  GlobalAveragePool: { grad: globalAverageGrad },
  GlobalMaxPool: { grad: globalMaxGrad },
};
