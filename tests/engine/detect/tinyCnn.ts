import { GraphBuilder } from '../../../electron/engine/onnx';

/** A tiny CNN: conv(4, 3×3) → ReLU → conv(6, 3×3, stride 2) → ReLU → GAP → Flatten → Gemm(2). */
export function tinyCnn() {
  const b = new GraphBuilder('t');
  const x = b.input('image', ['N', 1, 16, 16]);
  const w = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 1.3 + seed) * 0.5);
  const c1 = b.op('Conv', [x, b.init('w1', w(4 * 9, 1), [4, 1, 3, 3]), b.init('b1', w(4, 2), [4])], { pads: [1, 1, 1, 1] });
  const r1 = b.op('Relu', [c1], {}, 'stage1');
  const c2 = b.op('Conv', [r1, b.init('w2', w(6 * 4 * 9, 3), [6, 4, 3, 3]), b.init('b2', w(6, 4), [6])], { pads: [1, 1, 1, 1], strides: [2, 2] });
  const r2 = b.op('Relu', [c2], {}, 'stage2');
  const flat = b.op('Flatten', [b.op('GlobalAveragePool', [r2])], { axis: 1 }, 'embedding');
  b.op('Gemm', [flat, b.init('fw', w(12, 5), [2, 6]), b.init('fb', w(2, 6), [2])], { transB: 1 }, 'logits');
  b.output('logits', ['N', 2]);
  return b.build();
}
