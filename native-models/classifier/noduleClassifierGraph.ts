/**
 * The demo "nodule present / absent" classifier as an ONNX graph. A fixed blob-detector front end
 * (2 × 2 average pooling, then scale-normalised Laplacian-of-Gaussian filters at three scales,
 * Lindeberg 1998, plus the pooled image itself), a trained convolutional trunk (112 → 28) and a
 * 1×1 convolution give a nodule-evidence map `nodule_map`
 * [N, 2, 28, 28] (one cell = 8 × 8 input pixels). The classifier reads it as multiple-instance
 * evidence: m = max over cells of (map₁ − map₀), and `logits` [N, 2] = [−(m − t)/2, (m − t)/2],
 * so softmax gives σ(m − t) for "nodule present" with a calibrated threshold t.
 *
 * Why a map: a nodule covers about 0.2 % of the image, so image-level labels alone give almost no
 * gradient signal to a small CNN; the phantom generator knows where each nodule is, so the trunk is
 * trained on the map (per-cell cross-entropy), then shipped with the max-pooling head.
 * Input `image` [N, 1, 224, 224] in [0, 1] (window 0–4095, resized from 512).
 */
import type { ModelProto } from 'onnx-buf';
import { GraphBuilder, float } from '../../electron/engine/onnx';
import { Rng } from '../../electron/engine/phantoms/random';
import type { Weights } from '../train/weights';

/** Model input side, pixels. */
export const CLASSIFIER_INPUT = 224;
/** Evidence-map side, cells (8 input pixels each). */
export const EVIDENCE_SIDE = 28;
/** Class names, index-aligned with the logits. */
export const CLASSIFIER_CLASSES = ['nodule absent', 'nodule present'] as const;

/** LoG scales σ in pixels of the 112 × 112 pooled image: blob radii σ√2 ≈ 3, 5 and 8 input pixels. */
const LOG_SIGMAS = [1, 1.7, 2.8];
const LOG_KERNEL = 15;
/** Trained convolution stages after the front end: output channels, kernel, stride. */
const STAGES: ReadonlyArray<{ cout: number; k: number; s: number }> = [
  { cout: 16, k: 3, s: 1 },
  { cout: 32, k: 3, s: 2 },
  { cout: 32, k: 3, s: 2 },
  { cout: 48, k: 3, s: 1 },
];
const FRONT_CHANNELS = LOG_SIGMAS.length + 1;

/** Fixed front-end filters [4, 1, 15, 15]: identity, then −σ²∇²G_σ (bright blobs respond positively). */
function frontEndFilters(): Float32Array {
  const k = LOG_KERNEL;
  const c = (k - 1) / 2;
  const out = new Float32Array(FRONT_CHANNELS * k * k);
  out[c * k + c] = 1;
  LOG_SIGMAS.forEach((s, f) => {
    const base = (f + 1) * k * k;
    let mean = 0;
    for (let y = 0; y < k; y++) {
      for (let x = 0; x < k; x++) {
        const r2 = (x - c) ** 2 + (y - c) ** 2;
        // −σ²∇²G = (2 − r²/σ²)/(2πσ²)·e^{−r²/2σ²} (scale-normalised, sign flipped so blobs are positive).
        const v = ((2 - r2 / (s * s)) / (2 * Math.PI * s * s)) * Math.exp(-r2 / (2 * s * s));
        out[base + y * k + x] = v;
        mean += v / (k * k);
      }
    }
    // Zero DC response despite truncation: flat regions and slow gradients give nothing.
    for (let i = 0; i < k * k; i++) out[base + i] -= mean;
  });
  return out;
}

/** Fresh weights: He-normal convolutions (ReLU gain), small 1×1 head, zero biases; seeded. */
export function initialClassifierWeights(seed: number): Weights {
  const rng = new Rng(seed);
  const w: Weights = new Map();
  let cin = FRONT_CHANNELS;
  STAGES.forEach((st, i) => {
    const fanIn = cin * st.k * st.k;
    const data = Float32Array.from({ length: st.cout * fanIn }, () => rng.gauss() * Math.sqrt(2 / fanIn));
    w.set(`conv${i + 1}.weight`, { data, dims: [st.cout, cin, st.k, st.k] });
    w.set(`conv${i + 1}.bias`, { data: new Float32Array(st.cout), dims: [st.cout] });
    cin = st.cout;
  });
  w.set('head.weight', { data: Float32Array.from({ length: 2 * cin }, () => rng.gauss() * 0.01), dims: [2, cin, 1, 1] });
  w.set('head.bias', { data: new Float32Array(2), dims: [2] });
  return w;
}

/**
 * Builds the ONNX model (opset 17, dynamic batch "N") holding `weights` as initializers.
 * @param threshold t of the classifier head (evidence units); `undefined` builds the training
 *   graph whose only output is `nodule_map`.
 */
export function buildNoduleClassifier(weights: Weights, threshold?: number): ModelProto {
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
  const pooled = b.op('AveragePool', [b.op('Mul', [b.op('Sub', [image, shift]), gain])], { kernel_shape: [2, 2], strides: [2, 2] });
  const half = (LOG_KERNEL - 1) / 2;
  const front = b.init('frontend.weight', frontEndFilters(), [FRONT_CHANNELS, 1, LOG_KERNEL, LOG_KERNEL]);
  // Per-channel gains bring the LoG responses (a few hundredths) to unit scale.
  const frontGain = b.init('frontend.gain', Float32Array.of(1, 10, 10, 10), [1, FRONT_CHANNELS, 1, 1]);
  let x = b.op('Mul', [b.op('Conv', [pooled, front], { kernel_shape: [LOG_KERNEL, LOG_KERNEL], pads: [half, half, half, half] }), frontGain]);
  STAGES.forEach((st, i) => {
    const pad = (st.k - 1) / 2;
    x = b.op('Conv', [x, get(`conv${i + 1}.weight`), get(`conv${i + 1}.bias`)], {
      kernel_shape: [st.k, st.k],
      strides: [st.s, st.s],
      pads: [pad, pad, pad, pad],
    });
    x = b.op('Relu', [x], {}, i === STAGES.length - 1 ? 'features' : undefined);
  });
  const map = b.op('Conv', [x, get('head.weight'), get('head.bias')], { kernel_shape: [1, 1] }, 'nodule_map');
  if (threshold === undefined) {
    b.output('nodule_map', ['N', 2, EVIDENCE_SIDE, EVIDENCE_SIDE]);
    return b.build({ opset: 17, name: 'aegis_demo_nodule_evidence_map' });
  }
  const channel = (c: number) =>
    b.op('Slice', [map, b.init(`slice${c}.starts`, BigInt64Array.of(BigInt(c)), [1]), b.init(`slice${c}.ends`, BigInt64Array.of(BigInt(c + 1)), [1]), b.init(`slice${c}.axes`, BigInt64Array.of(1n), [1])]);
  const evidence = b.op('Sub', [channel(1), channel(0)], {}, 'evidence');
  const m = b.op('Flatten', [b.op('MaxPool', [evidence], { kernel_shape: [EVIDENCE_SIDE, EVIDENCE_SIDE] })], { axis: 1 });
  const calW = b.init('calibration.weight', Float32Array.of(-0.5, 0.5), [2, 1]);
  const calB = b.init('calibration.bias', Float32Array.of(threshold / 2, -threshold / 2), [2]);
  b.op('Gemm', [m, calW, calB], { transB: 1, alpha: float(1), beta: float(1) }, 'logits');
  b.output('logits', ['N', 2]);
  return b.build({ opset: 17, name: 'aegis_demo_nodule_classifier' });
}
