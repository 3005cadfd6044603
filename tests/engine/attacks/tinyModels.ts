import type { ModelProto } from 'onnx-buf';
import { GraphBuilder } from '../../../electron/engine/onnx';

const w = (n: number, seed: number, scale = 0.5) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 1.3 + seed) * scale);

/** conv(3, 3×3) → ReLU → GAP → Flatten → Gemm(classes) on 1×1×S×S; `softmax` appends a Softmax. */
export function tinyClassifier(size = 8, classes = 3, softmax = false): ModelProto {
  const b = new GraphBuilder('c');
  const x = b.input('image', ['N', 1, size, size]);
  const c1 = b.op('Conv', [x, b.init('w1', w(3 * 9, 1, 2), [3, 1, 3, 3]), b.init('b1', w(3, 2), [3])], { pads: [1, 1, 1, 1] });
  const flat = b.op('Flatten', [b.op('GlobalAveragePool', [b.op('Relu', [c1])])], { axis: 1 });
  const logits = b.op('Gemm', [flat, b.init('fw', w(classes * 3, 5, 3), [classes, 3]), b.init('fb', w(classes, 6), [classes])], { transB: 1 }, softmax ? 'logits' : 'out');
  if (softmax) b.op('Softmax', [logits], { axis: 1 }, 'out');
  b.output('out', ['N', classes]);
  return b.build();
}

/** conv(3 classes, 3×3, pad 1) → per-pixel logits [N, 3, S, S]. */
export function tinySegmenter(size = 8): ModelProto {
  const b = new GraphBuilder('s');
  const x = b.input('image', ['N', 1, size, size]);
  b.op('Conv', [x, b.init('w1', w(3 * 9, 3, 1.5), [3, 1, 3, 3]), b.init('b1', Float32Array.from([0.3, -0.2, -0.4]), [3])], { pads: [1, 1, 1, 1] }, 'masks');
  b.output('masks', ['N', 3, size, size]);
  return b.build();
}

/** Flatten → Gemm(classes): a linear classifier on 1×1×S×S, where PGD behaves predictably. */
export function tinyLinear(size = 8, classes = 3): ModelProto {
  const b = new GraphBuilder('l');
  const x = b.input('image', ['N', 1, size, size]);
  const flat = b.op('Flatten', [x], { axis: 1 });
  b.op('Gemm', [flat, b.init('w', w(classes * size * size, 7, 1), [classes, size * size]), b.init('b', w(classes, 8), [classes])], { transB: 1 }, 'out');
  b.output('out', ['N', classes]);
  return b.build();
}
