/** Single-op (or few-op) models for gradient checks: each builds x → op(s) → y. */
import type { ModelProto } from 'onnx-buf';
import { float, GraphBuilder, type AttrValue, type Dim } from '../../../electron/engine/onnx/builder';
import { awayFromZero, distinct } from './gradcheck';

/** One gradient-check case. */
export interface OpCase {
  name: string;
  model: ModelProto;
  shape: number[];
  params?: string[];
  x?: Float32Array;
  h?: number;
}

let seed = 100;
const prod = (d: number[]) => d.reduce((a, b) => a * b, 1);

/** Builds x [shape, batch dynamic] → opType(x, ...params) → y. Params are [name, dims] initializers (random ±[0.1, 1]). */
export function unaryCase(
  name: string,
  opType: string,
  shape: number[],
  attrs: Record<string, AttrValue | undefined> = {},
  inits: [string, number[], Float32Array?][] = [],
  options: { opset?: number; grads?: string[]; x?: Float32Array; h?: number; extraInputs?: string[]; staticBatch?: boolean } = {},
): OpCase {
  const b = new GraphBuilder();
  const dims: Dim[] = [options.staticBatch ? shape[0] : 'N', ...shape.slice(1)];
  b.input('x', dims);
  const names = inits.map(([n, d, v]) => b.init(n, v ?? awayFromZero(prod(d), (seed += 1)), d));
  b.op(opType, ['x', ...names, ...(options.extraInputs ?? [])], attrs, 'y');
  b.output('y');
  return { name, model: b.build({ opset: options.opset ?? 17 }), shape, params: options.grads, x: options.x, h: options.h };
}

/** The op cases of issue 3 item 7 (broadcasting, odd padding, strides, groups, dilation, ceil_mode…). */
export function opCases(): OpCase[] {
  const cases: OpCase[] = [];
  const conv = (name: string, x: number[], w: number[], attrs: Record<string, AttrValue | undefined>, bias = true) =>
    unaryCase(name, 'Conv', x, attrs, bias ? [['w', w], ['b', [w[0]]]] : [['w', w]], { grads: bias ? ['w', 'b'] : ['w'] });
  cases.push(conv('Conv 3×3 pad 1 (dX, dW, dB)', [2, 3, 5, 5], [4, 3, 3, 3], { pads: [1, 1, 1, 1] }));
  cases.push(conv('Conv stride 2 on odd size', [1, 2, 7, 7], [3, 2, 3, 3], { strides: [2, 2], pads: [1, 1, 1, 1] }));
  cases.push(conv('Conv dilation 2, asymmetric pads', [1, 2, 7, 6], [2, 2, 3, 2], { dilations: [2, 1], pads: [0, 1, 2, 1] }));
  cases.push(conv('Conv groups 2, stride 2', [2, 4, 6, 5], [6, 2, 3, 3], { group: 2, strides: [2, 2], pads: [1, 0, 1, 1] }));
  cases.push(conv('Conv depthwise stride 2', [1, 3, 6, 6], [3, 1, 3, 3], { group: 3, strides: [2, 2], pads: [1, 1, 1, 1] }, false));
  cases.push(conv('Conv auto_pad SAME_UPPER stride 2', [1, 2, 6, 5], [2, 2, 3, 3], { auto_pad: 'SAME_UPPER', strides: [2, 2] }, false));
  cases.push(conv('Conv auto_pad SAME_LOWER', [1, 2, 5, 5], [2, 2, 4, 4], { auto_pad: 'SAME_LOWER' }, false));
  cases.push(conv('Conv 7×7 stride 2 pad 3 (ResNet stem)', [1, 1, 10, 9], [3, 1, 7, 7], { strides: [2, 2], pads: [3, 3, 3, 3] }, false));
  cases.push(conv('Conv 3×3 stride 3, uneven pads', [1, 2, 8, 7], [2, 2, 3, 3], { strides: [3, 3], pads: [2, 0, 1, 2] }, false));
  cases.push(conv('Conv 1-D stride 3', [2, 2, 10], [3, 2, 4], { strides: [3], pads: [2, 1] }));
  cases.push(conv('Conv patchify 4×4 stride 4 (ViT stem)', [1, 2, 8, 8], [3, 2, 4, 4], { strides: [4, 4] }));
  cases.push(conv('Conv 3-D stride 2 (MONAI)', [1, 2, 5, 4, 5], [3, 2, 3, 3, 3], { strides: [2, 2, 2], pads: [1, 1, 1, 1, 1, 1] }));
  cases.push(conv('Conv 3-D groups 2 dilation 2', [1, 4, 5, 5, 5], [2, 2, 2, 2, 2], { group: 2, dilations: [2, 2, 2] }));
  cases.push(unaryCase('ConvTranspose 3-D stride 2', 'ConvTranspose', [1, 2, 2, 3, 2], { strides: [2, 2, 2] }, [['w', [2, 2, 2, 2, 2]]], { grads: ['w'] }));
  cases.push(unaryCase('MaxPool 3-D', 'MaxPool', [1, 2, 4, 4, 4], { kernel_shape: [2, 2, 2], strides: [2, 2, 2] }, [], { x: distinct(128, 77), h: 1e-3 }));
  cases.push(unaryCase('AveragePool 3-D pads', 'AveragePool', [1, 1, 5, 4, 4], { kernel_shape: [3, 3, 3], strides: [2, 2, 2], pads: [1, 1, 1, 1, 1, 1] }));
  cases.push(unaryCase('InstanceNormalization 3-D', 'InstanceNormalization', [2, 2, 3, 2, 3], {}, [['scale', [2]], ['bias', [2]]], { grads: ['scale', 'bias'] }));
  cases.push(unaryCase('ConvTranspose stride 2 output_padding 1', 'ConvTranspose', [2, 3, 3, 4], { strides: [2, 2], pads: [1, 1, 1, 1], output_padding: [1, 1] }, [['w', [3, 2, 3, 3]], ['b', [2]]], { grads: ['w', 'b'] }));
  cases.push(unaryCase('ConvTranspose 2×2 stride 2 (U-Net up)', 'ConvTranspose', [1, 4, 3, 3], { strides: [2, 2] }, [['w', [4, 2, 2, 2]]], { grads: ['w'] }));
  cases.push(unaryCase('ConvTranspose grouped dilated', 'ConvTranspose', [1, 4, 4, 4], { group: 2, dilations: [2, 2], pads: [1, 0, 0, 1] }, [['w', [4, 1, 3, 3]]]));
  const pool = (name: string, op: string, x: number[], attrs: Record<string, AttrValue | undefined>) =>
    unaryCase(name, op, x, attrs, [], { x: distinct(prod(x), (seed += 1)), h: 1e-3 });
  cases.push(pool('MaxPool 3×3 stride 2 pad 1 (overlapping)', 'MaxPool', [2, 2, 7, 7], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }));
  cases.push(pool('MaxPool 2×2 stride 2 ceil_mode', 'MaxPool', [1, 2, 7, 5], { kernel_shape: [2, 2], strides: [2, 2], ceil_mode: 1 }));
  cases.push(pool('MaxPool 3×3 stride 2 ceil_mode (SqueezeNet)', 'MaxPool', [1, 2, 8, 8], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }));
  cases.push(pool('AveragePool 3×3 s2 p1 count_include_pad=0', 'AveragePool', [1, 2, 7, 6], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }));
  cases.push(pool('AveragePool 3×3 s2 p1 count_include_pad=1', 'AveragePool', [1, 2, 7, 6], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], count_include_pad: 1 }));
  cases.push(pool('AveragePool 2×2 s2 ceil_mode (DenseNet transition)', 'AveragePool', [2, 3, 7, 7], { kernel_shape: [2, 2], strides: [2, 2], ceil_mode: 1 }));
  cases.push(pool('GlobalAveragePool', 'GlobalAveragePool', [2, 3, 4, 5], {}));
  cases.push(pool('GlobalMaxPool', 'GlobalMaxPool', [2, 3, 4, 5], {}));
  cases.push(unaryCase('BatchNormalization (inference)', 'BatchNormalization', [2, 3, 4, 4], { epsilon: 1e-3 },
    [['scale', [3]], ['bias', [3]], ['mean', [3]], ['var', [3], Float32Array.from([0.5, 1.2, 2])]], { grads: ['scale', 'bias', 'mean', 'var'] }));
  cases.push(unaryCase('LayerNormalization last axis', 'LayerNormalization', [2, 3, 5], { epsilon: 1e-5 }, [['gamma', [5]], ['beta', [5]]], { grads: ['gamma', 'beta'] }));
  cases.push(unaryCase('LayerNormalization axis 1', 'LayerNormalization', [2, 3, 2, 2], { axis: 1 }, [['gamma', [3, 2, 2]]], { grads: ['gamma'] }));
  cases.push(unaryCase('InstanceNormalization', 'InstanceNormalization', [2, 3, 3, 4], { epsilon: 1e-5 }, [['scale', [3]], ['bias', [3]]], { grads: ['scale', 'bias'] }));
  for (const op of ['Relu', 'Sigmoid', 'Tanh', 'Erf', 'Exp', 'Abs', 'Neg', 'Identity', 'Dropout']) cases.push(unaryCase(op, op, [2, 3, 4]));
  cases.push(unaryCase('LeakyRelu', 'LeakyRelu', [2, 3, 4], { alpha: 0.1 }));
  // Attribute defaults (ONNX spec): a rule that assumed the wrong default would pass the cases above.
  cases.push(unaryCase('LeakyRelu default alpha 0.01', 'LeakyRelu', [2, 3, 4]));
  cases.push(unaryCase('HardSigmoid default alpha 0.2 beta 0.5', 'HardSigmoid', [2, 12], {}, [], { x: awayFromZero(24, 8, 0.1, 3) }));
  cases.push(unaryCase('Elu default alpha 1', 'Elu', [2, 5]));
  cases.push(unaryCase('HardSigmoid', 'HardSigmoid', [2, 12], { alpha: 0.3, beta: 0.4 }, [], { x: awayFromZero(24, 7, 0.1, 3) }));
  cases.push(unaryCase('HardSwish', 'HardSwish', [2, 12], {}, [], { x: Float32Array.from({ length: 24 }, (_, i) => -5.05 + i * 0.43) }));
  cases.push(unaryCase('PRelu per-channel slope', 'PRelu', [2, 3, 2, 2], {}, [['slope', [3, 1, 1]]], { grads: ['slope'] }));
  cases.push(unaryCase('Clip (ReLU6 bounds)', 'Clip', [2, 10], {}, [['lo', [], Float32Array.from([-0.5])], ['hi', [], Float32Array.from([0.55])]], { x: awayFromZero(20, 9, 0.05, 1).map((v) => (Math.abs(Math.abs(v) - 0.5) < 0.02 ? v * 1.1 : v)) }));
  cases.push(unaryCase('Gelu exact', 'Gelu', [2, 6], {}, [], { opset: 20 }));
  cases.push(unaryCase('Gelu tanh', 'Gelu', [2, 6], { approximate: 'tanh' }, [], { opset: 20 }));
  cases.push(unaryCase('Softplus', 'Softplus', [2, 5]));
  cases.push(unaryCase('Elu', 'Elu', [2, 5], { alpha: 0.7 }));
  cases.push(unaryCase('Selu', 'Selu', [2, 5]));
  cases.push(unaryCase('Mish', 'Mish', [2, 5], {}, [], { opset: 18 }));
  cases.push(unaryCase('Max with broadcast parameter', 'Max', [2, 3, 4], {}, [['p', [4]]], { grads: ['p'] }));
  cases.push(unaryCase('Min with broadcast parameter', 'Min', [2, 3, 4], {}, [['p', [3, 1]]], { grads: ['p'] }));
  cases.push(unaryCase('ReduceMax axis 2 keepdims 0', 'ReduceMax', [2, 3, 4], { keepdims: 0 }, [], { extraInputs: ['axis2'], opset: 18, x: distinct(24, 5) }));
  cases.push(unaryCase('ReduceMin axes [1, 2]', 'ReduceMin', [2, 3, 4], {}, [], { extraInputs: ['axes12'], opset: 18, x: distinct(24, 6) }));
  cases.push(unaryCase('ReduceSumSquare', 'ReduceSumSquare', [2, 3, 4], { keepdims: 0 }, [], { extraInputs: ['axis2'], opset: 18 }));
  cases.push(unaryCase('ReduceL2', 'ReduceL2', [2, 3, 4], {}, [], { extraInputs: ['axis2'], opset: 18 }));
  cases.push(unaryCase('ReduceLogSumExp', 'ReduceLogSumExp', [2, 3, 4], { keepdims: 0 }, [], { extraInputs: ['axes12'], opset: 18 }));
  cases.push(unaryCase('Softmax axis 1', 'Softmax', [2, 4, 3], { axis: 1 }));
  cases.push(unaryCase('LogSoftmax last axis', 'LogSoftmax', [2, 3, 5], {}));
  cases.push(unaryCase('LayerNormalization at opset 21', 'LayerNormalization', [2, 3, 4], {}, [['gamma', [4]]], { grads: ['gamma'], opset: 21 }));
  cases.push(unaryCase('Softmax opset 11 (coerced 2-D)', 'Softmax', [2, 3, 4], { axis: 1 }, [], { opset: 11 }));
  const bin = (op: string, x: number[], p: number[], extra: Partial<Parameters<typeof unaryCase>[5]> = {}) =>
    unaryCase(`${op} broadcasting [${x.join(',')}] with [${p.join(',')}]`, op, x, {}, [['p', p]], { grads: ['p'], ...extra });
  cases.push(bin('Add', [2, 3, 4], [3, 1]));
  cases.push(bin('Sub', [2, 3, 4], [4]));
  cases.push(bin('Mul', [2, 3, 4], [1, 3, 1]));
  cases.push(bin('Div', [2, 3, 4], [3, 4]));
  cases.push(unaryCase('Pow with broadcast exponent', 'Pow', [2, 3], {}, [['p', [3], Float32Array.from([0.5, 2, 1.5])]], { grads: ['p'], x: Float32Array.from({ length: 6 }, (_, i) => 0.5 + 0.2 * i) }));
  cases.push(unaryCase('Sqrt', 'Sqrt', [2, 3], {}, [], { x: Float32Array.from({ length: 6 }, (_, i) => 0.3 + 0.4 * i) }));
  cases.push(unaryCase('Log', 'Log', [2, 3], {}, [], { x: Float32Array.from({ length: 6 }, (_, i) => 0.3 + 0.4 * i) }));
  cases.push(unaryCase('MatMul batched × 2-D', 'MatMul', [2, 3, 4], {}, [['w', [4, 5]]], { grads: ['w'] }));
  cases.push(unaryCase('MatMul with broadcast batch [1,4,5]', 'MatMul', [2, 2, 3, 4], {}, [['w', [1, 4, 5]]], { grads: ['w'] }));
  cases.push(unaryCase('MatMul with 1-D right operand', 'MatMul', [2, 3, 4], {}, [['w', [4]]], { grads: ['w'] }));
  cases.push(unaryCase('Gemm transB alpha beta', 'Gemm', [2, 4], { transB: 1, alpha: 0.7, beta: 1.3 }, [['w', [3, 4]], ['c', [3]]], { grads: ['w', 'c'] }));
  cases.push(unaryCase('Gemm transA', 'Gemm', [3, 3], { transA: 1 }, [['w', [3, 2]], ['c', [1, 2]]], { grads: ['w', 'c'], staticBatch: true }));
  cases.push(unaryCase('ReduceMean axes [1] keepdims 0', 'ReduceMean', [2, 3, 4], { axes: [1], keepdims: 0 }));
  cases.push(unaryCase('ReduceSum axes input [2, 3]', 'ReduceSum', [2, 3, 2, 2], { keepdims: 1 }, [], { extraInputs: ['axes'] }));
  cases.push(unaryCase('ReduceMean axes [1, 2] keepdims 0', 'ReduceMean', [2, 3, 2, 2], { axes: [1, 2], keepdims: 0 }));
  cases.push(unaryCase('ReduceMean all axes (static batch)', 'ReduceMean', [1, 3, 2], { keepdims: 1 }, [], { staticBatch: true }));
  cases.push(unaryCase('Flatten axis 1', 'Flatten', [2, 3, 2, 2], { axis: 1 }));
  cases.push(unaryCase('Transpose [0,2,3,1]', 'Transpose', [2, 3, 2, 4], { perm: [0, 2, 3, 1] }));
  cases.push(unaryCase('Concat with a parameter on axis 1', 'Concat', [2, 3, 2], { axis: 1 }, [['p', [2, 2, 2]]], { grads: ['p'] }));
  cases.push(unaryCase('Slice steps 2 and negative', 'Slice', [2, 5, 6], {}, [], { extraInputs: ['starts', 'ends', 'axes2', 'steps'] }));
  cases.push(unaryCase('Gather scalar index on axis 1 (class token)', 'Gather', [2, 4, 3], { axis: 1 }, [], { extraInputs: ['idx0'] }));
  cases.push(unaryCase('Gather repeated indices', 'Gather', [2, 4, 3], { axis: 1 }, [], { extraInputs: ['idxrep'] }));
  cases.push(unaryCase('Pad constant odd', 'Pad', [1, 2, 3, 3], { mode: 'constant' }, [], { extraInputs: ['pads'] }));
  cases.push(unaryCase('Pad reflect', 'Pad', [1, 2, 4, 4], { mode: 'reflect' }, [], { extraInputs: ['pads'] }));
  cases.push(unaryCase('Tile', 'Tile', [2, 2, 3], {}, [], { extraInputs: ['reps'] }));
  cases.push(unaryCase('Expand', 'Expand', [2, 1, 3], {}, [], { extraInputs: ['expandShape'] }));
  cases.push(unaryCase('Unsqueeze', 'Unsqueeze', [2, 3], {}, [], { extraInputs: ['axis1'] }));
  cases.push(unaryCase('Resize linear half_pixel ×2', 'Resize', [1, 2, 3, 4], { mode: 'linear' }, [], { extraInputs: ['', 'scales2'], opset: 18 }));
  cases.push(unaryCase('Resize linear align_corners to sizes', 'Resize', [1, 2, 4, 3], { mode: 'linear', coordinate_transformation_mode: 'align_corners', axes: [2, 3] }, [], { extraInputs: ['', '', 'sizes'], opset: 18 }));
  cases.push(unaryCase('Resize nearest asymmetric ×2', 'Resize', [1, 2, 3, 3], { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' }, [], { extraInputs: ['', 'scales2'], opset: 18 }));
  cases.push(unaryCase('Resize linear antialiased downscale', 'Resize', [1, 1, 9, 8], { mode: 'linear', antialias: 1 }, [], { extraInputs: ['', 'scalesDown'], opset: 18 }));
  cases.push(unaryCase('Resize trilinear 3-D ×(2, 1.5, 2)', 'Resize', [1, 2, 2, 4, 3], { mode: 'linear' }, [], { extraInputs: ['', 'scales3d'], opset: 18 }));
  cases.push(unaryCase('Resize linear, scales with axes attribute', 'Resize', [1, 1, 3, 5], { mode: 'linear', axes: [2, 3] }, [], { extraInputs: ['', 'scalesAxes'], opset: 18 }));
  cases.push(unaryCase('Resize cubic', 'Resize', [1, 1, 4, 4], { mode: 'cubic', cubic_coeff_a: float(-0.75) }, [], { extraInputs: ['', 'scales2'], opset: 18 }));
  cases.push(splitCase(17), splitCase(18));
  return cases.map((c) => withConstants(c));
}

/** x → Split on axis 1 (sizes input at 17, num_outputs at 18); only two of three parts reach y. */
function splitCase(opset: number): OpCase {
  const b = new GraphBuilder();
  b.input('x', ['N', 6, 2]);
  const parts = opset >= 18
    ? b.opN('Split', ['x'], 3, { axis: 1, num_outputs: 3 })
    : b.opN('Split', ['x', b.init('sizes3', BigInt64Array.from([1n, 3n, 2n]), [3])], 3, { axis: 1 });
  b.op('Concat', [b.op('Mul', [parts[2], parts[2]]), parts[0]], { axis: 1 }, 'y');
  b.output('y');
  return { name: `Split (opset ${opset}), one part unused`, model: b.build({ opset }), shape: [2, 6, 2] };
}

const CONSTANTS: Record<string, [number[], number[]]> = {
  axes: [[2, 3], [2]],
  starts: [[4, -1], [2]],
  ends: [[0, -7], [2]],
  axes2: [[1, 2], [2]],
  steps: [[-2, -2], [2]],
  idx0: [[0], []],
  idxrep: [[3, 1, 3], [3]],
  pads: [[0, 0, 1, 2, 0, 0, 2, 1], [8]],
  reps: [[1, 2, 2], [3]],
  expandShape: [[2, 4, 3], [3]],
  axis1: [[1], [1]],
  axis2: [[2], [1]],
  axes12: [[1, 2], [2]],
  sizes: [[7, 5], [2]],
};
const FLOAT_CONSTANTS: Record<string, number[]> = { scales2: [1, 1, 2, 2], scalesDown: [1, 1, 0.5, 0.625], scales3d: [1, 1, 2, 1.5, 2], scalesAxes: [1.5, 0.8] };

/** Adds the int64/float constants named in node inputs as initializers. */
function withConstants(c: OpCase): OpCase {
  const graph = c.model.graph!;
  const b = new GraphBuilder();
  for (const node of graph.node) {
    for (const input of node.input) {
      if (graph.initializer.some((t) => t.name === input)) continue;
      if (CONSTANTS[input]) b.init(input, BigInt64Array.from(CONSTANTS[input][0].map(BigInt)), CONSTANTS[input][1]);
      if (FLOAT_CONSTANTS[input]) b.init(input, Float32Array.from(FLOAT_CONSTANTS[input]), [FLOAT_CONSTANTS[input].length]);
    }
  }
  graph.initializer.push(...b.initializers);
  return c;
}
