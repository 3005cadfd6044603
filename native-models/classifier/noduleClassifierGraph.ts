/**
 * The demo "nodule present / absent" classifier as an ONNX graph: input `image` [N, 1, 224, 224] in
 * [0, 1] (the window 0–4095 mapped to [0, 1], resized from 512), five Conv+ReLU stages with stride
 * (224 → 14), global average and global max pooling concatenated, then a linear layer to `logits`
 * [N, 2] (class 0 = nodule absent, 1 = nodule present). About 30 k parameters, no batch norm (the
 * gradient compiler differentiates inference-mode graphs, so training uses plain conv + bias).
 */
import type { ModelProto } from 'onnx-buf';
import { GraphBuilder, float } from '../../electron/engine/onnx';
import { Rng } from '../phantom/random';
import type { Weights } from '../train/weights';

/** Model input side, pixels. */
export const CLASSIFIER_INPUT = 224;
/** Class names, index-aligned with the logits. */
export const CLASSIFIER_CLASSES = ['nodule absent', 'nodule present'] as const;

/** Convolution stages: output channels, kernel, stride. */
const STAGES: ReadonlyArray<{ cout: number; k: number; s: number }> = [
  { cout: 8, k: 5, s: 2 },
  { cout: 16, k: 3, s: 2 },
  { cout: 32, k: 3, s: 2 },
  { cout: 32, k: 3, s: 1 },
  { cout: 48, k: 3, s: 2 },
];
const FINAL_SIDE = 14;
const FEATURES = 2 * STAGES[STAGES.length - 1].cout;

/** Fresh weights: He-normal convolutions (ReLU gain), small linear head, zero biases; seeded. */
export function initialClassifierWeights(seed: number): Weights {
  const rng = new Rng(seed);
  const w: Weights = new Map();
  let cin = 1;
  STAGES.forEach((st, i) => {
    const fanIn = cin * st.k * st.k;
    const data = Float32Array.from({ length: st.cout * fanIn }, () => rng.gauss() * Math.sqrt(2 / fanIn));
    w.set(`conv${i + 1}.weight`, { data, dims: [st.cout, cin, st.k, st.k] });
    w.set(`conv${i + 1}.bias`, { data: new Float32Array(st.cout), dims: [st.cout] });
    cin = st.cout;
  });
  w.set('fc.weight', { data: Float32Array.from({ length: 2 * FEATURES }, () => rng.gauss() * 0.01), dims: [2, FEATURES] });
  w.set('fc.bias', { data: new Float32Array(2), dims: [2] });
  return w;
}

/** Builds the ONNX model (opset 17, dynamic batch "N") holding `weights` as initializers. */
export function buildNoduleClassifier(weights: Weights): ModelProto {
  const b = new GraphBuilder('cls');
  const get = (name: string) => {
    const t = weights.get(name);
    if (!t) throw new Error(`classifier: weight "${name}" is missing`);
    return b.init(name, t.data, t.dims);
  };
  const image = b.input('image', ['N', 1, CLASSIFIER_INPUT, CLASSIFIER_INPUT]);
  // Centre the [0, 1] input around the lung/mediastinum range so He initialisation sees unit scale.
  const shift = b.init('input.shift', new Float32Array([0.45]), []);
  const gain = b.init('input.gain', new Float32Array([4]), []);
  let x = b.op('Mul', [b.op('Sub', [image, shift]), gain]);
  STAGES.forEach((st, i) => {
    const pad = (st.k - 1) / 2;
    x = b.op('Conv', [x, get(`conv${i + 1}.weight`), get(`conv${i + 1}.bias`)], {
      kernel_shape: [st.k, st.k],
      strides: [st.s, st.s],
      pads: [pad, pad, pad, pad],
    });
    x = b.op('Relu', [x], {}, i === STAGES.length - 1 ? 'features' : undefined);
  });
  const avg = b.op('GlobalAveragePool', [x]);
  const max = b.op('MaxPool', [x], { kernel_shape: [FINAL_SIDE, FINAL_SIDE] });
  const pooled = b.op('Flatten', [b.op('Concat', [avg, max], { axis: 1 })], { axis: 1 });
  b.op('Gemm', [pooled, get('fc.weight'), get('fc.bias')], { transB: 1, alpha: float(1), beta: float(1) }, 'logits');
  b.output('logits', ['N', 2]);
  return b.build({ opset: 17, name: 'aegis_demo_nodule_classifier' });
}
