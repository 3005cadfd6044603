/** Small whole networks built with the graph builder (random weights) for end-to-end gradient tests. */
import type { ModelProto } from 'onnx-buf';
import { GraphBuilder } from '../../../electron/engine/onnx/builder';
import { awayFromZero, rng } from './gradcheck';

/** Random weights scaled like He initialisation, deterministic per builder. */
class Weights {
  private seed = 1000;
  constructor(private readonly b: GraphBuilder) {}
  /** A weight tensor with values N(0, ~scale²)-like from a uniform. */
  w(dims: number[], scale = 0.5): string {
    const n = dims.reduce((a, c) => a * c, 1);
    const r = rng((this.seed += 1));
    return this.b.init(this.b.fresh('w'), Float32Array.from({ length: n }, () => (r() * 2 - 1) * scale), dims);
  }
  /** Positive values (variances). */
  pos(dims: number[]): string {
    const n = dims.reduce((a, c) => a * c, 1);
    return this.b.init(this.b.fresh('v'), awayFromZero(n, (this.seed += 1), 0.5, 1.5).map(Math.abs), dims);
  }
}

/** ResNet-like classifier: stem Conv+BN+Relu+MaxPool, a basic block, a strided block with 1×1 shortcut, GAP, Gemm. */
export function resnetLike(): ModelProto {
  const b = new GraphBuilder();
  const w = new Weights(b);
  const x = b.input('x', ['N', 1, 8, 8]);
  let h = b.op('Conv', [x, w.w([4, 1, 3, 3]), w.w([4])], { pads: [1, 1, 1, 1] });
  h = b.op('BatchNormalization', [h, w.pos([4]), w.w([4]), w.w([4]), w.pos([4])]);
  h = b.op('Relu', [h]);
  h = b.op('MaxPool', [h], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] });
  let r = b.op('Relu', [b.op('Conv', [h, w.w([4, 4, 3, 3], 0.3)], { pads: [1, 1, 1, 1] })]);
  r = b.op('Conv', [r, w.w([4, 4, 3, 3], 0.3)], { pads: [1, 1, 1, 1] });
  h = b.op('Relu', [b.op('Add', [r, h])]);
  let d = b.op('Relu', [b.op('Conv', [h, w.w([6, 4, 3, 3], 0.3)], { pads: [1, 1, 1, 1], strides: [2, 2] })]);
  d = b.op('Conv', [d, w.w([6, 6, 3, 3], 0.3)], { pads: [1, 1, 1, 1] });
  const shortcut = b.op('Conv', [h, w.w([6, 4, 1, 1])], { strides: [2, 2] });
  h = b.op('Relu', [b.op('Add', [d, shortcut])]);
  h = b.op('Flatten', [b.op('GlobalAveragePool', [h])]);
  b.op('Gemm', [h, w.w([3, 6]), w.w([3])], { transB: 1 }, 'logits');
  b.output('logits', ['N', 3]);
  return b.build();
}

/** U-Net-like segmenter: encoder, MaxPool, decoder by ConvTranspose and by Resize, skip Concat, InstanceNorm, LeakyRelu. */
export function unetLike(): ModelProto {
  const b = new GraphBuilder();
  const w = new Weights(b);
  const x = b.input('x', ['N', 1, 8, 8]);
  const e1 = b.op('Relu', [b.op('Conv', [x, w.w([3, 1, 3, 3]), w.w([3])], { pads: [1, 1, 1, 1] })]);
  const p = b.op('MaxPool', [e1], { kernel_shape: [2, 2], strides: [2, 2] });
  let e2 = b.op('Conv', [p, w.w([4, 3, 3, 3], 0.4)], { pads: [1, 1, 1, 1] });
  e2 = b.op('LeakyRelu', [b.op('InstanceNormalization', [e2, w.pos([4]), w.w([4])])], { alpha: 0.1 });
  const up1 = b.op('ConvTranspose', [e2, w.w([4, 2, 2, 2]), w.w([2])], { strides: [2, 2] });
  const scales = b.init('scales', Float32Array.from([1, 1, 2, 2]), [4]);
  const up2 = b.op('Resize', [e2, '', scales], { mode: 'linear' });
  const cat = b.op('Concat', [e1, up1, up2], { axis: 1 });
  const h = b.op('PRelu', [b.op('Conv', [cat, w.w([4, 9, 3, 3], 0.3)], { pads: [1, 1, 1, 1] }), w.w([4, 1, 1])]);
  b.op('Conv', [h, w.w([2, 4, 1, 1]), w.w([2])], {}, 'seg');
  b.output('seg', ['N', 2, 8, 8]);
  return b.build({ opset: 18 });
}

/**
 * ViT-like classifier: 4×4 patchify Conv, class token (Expand from Shape plumbing), position
 * embedding, pre-norm single-head attention (LayerNorm, MatMul, Softmax), Erf-GELU MLP, class-token
 * Gather, Gemm head.
 */
export function vitLike(): ModelProto {
  const b = new GraphBuilder();
  const w = new Weights(b);
  const D = 6;
  const x = b.input('x', ['N', 1, 8, 8]);
  const patches = b.op('Conv', [x, w.w([D, 1, 4, 4], 0.3), w.w([D])], { strides: [4, 4] });
  const tokens = b.op('Transpose', [b.op('Reshape', [patches, b.init('r1', BigInt64Array.from([0n, BigInt(D), -1n]), [3])])], { perm: [0, 2, 1] });
  const batch = b.op('Gather', [b.op('Shape', [x]), b.init('zero', BigInt64Array.from([0n]), [1])], { axis: 0 });
  const clsShape = b.op('Concat', [batch, b.init('oneD', BigInt64Array.from([1n, BigInt(D)]), [2])], { axis: 0 });
  const cls = b.op('Expand', [w.w([1, 1, D]), clsShape]);
  let h = b.op('Add', [b.op('Concat', [cls, tokens], { axis: 1 }), w.w([1, 5, D], 0.2)]);
  const ln1 = b.op('LayerNormalization', [h, w.pos([D]), w.w([D])], { axis: -1 });
  const q = b.op('MatMul', [ln1, w.w([D, D])]);
  const k = b.op('MatMul', [ln1, w.w([D, D])]);
  const v = b.op('MatMul', [ln1, w.w([D, D])]);
  const scores = b.op('Div', [b.op('MatMul', [q, b.op('Transpose', [k], { perm: [0, 2, 1] })]), b.init('sqrtD', Float32Array.from([Math.sqrt(D)]), [])]);
  const att = b.op('MatMul', [b.op('Softmax', [scores], { axis: -1 }), v]);
  h = b.op('Add', [h, b.op('MatMul', [att, w.w([D, D])])]);
  const ln2 = b.op('LayerNormalization', [h, w.pos([D]), w.w([D])], { axis: -1 });
  const m = b.op('Add', [b.op('MatMul', [ln2, w.w([D, 8])]), w.w([8])]);
  const half = b.init('half', Float32Array.from([0.5]), []);
  const one = b.init('one', Float32Array.from([1]), []);
  const gelu = b.op('Mul', [b.op('Mul', [m, half]), b.op('Add', [one, b.op('Erf', [b.op('Div', [m, b.init('sqrt2', Float32Array.from([Math.SQRT2]), [])])])])]);
  h = b.op('Add', [h, b.op('MatMul', [gelu, w.w([8, D])])]);
  const first = b.op('Gather', [h, b.init('idx', BigInt64Array.from([0n]), [])], { axis: 1 });
  b.op('Gemm', [first, w.w([3, D]), w.w([3])], { transB: 1 }, 'logits');
  b.output('logits', ['N', 3]);
  return b.build();
}
