/**
 * The demo lung segmenter as an ONNX graph: a small U-Net (Ronneberger et al. 2015) on
 * `image` [N, 1, 128, 128] in [0, 1] (window 0–4095, resized from 512), two 2×2 max-pool levels,
 * 2×2 stride-2 transposed-convolution upsampling with skip concatenation, and per-pixel `logits`
 * [N, 2, 128, 128] (class 0 = background, 1 = lung field).
 */
import type { ModelProto } from 'onnx-buf';
import { GraphBuilder } from '../../electron/engine/onnx';
import { Rng } from '../../electron/engine/phantoms/random';
import type { Weights } from '../train/weights';

/** Model input side, pixels. */
export const SEGMENTER_INPUT = 128;
/** Class names, index-aligned with the logit channels. */
export const SEGMENTER_CLASSES = ['background', 'lung'] as const;

/** Convolutions: name, input channels, output channels, kernel (ConvTranspose marked `up`). */
const LAYERS: ReadonlyArray<{ name: string; cin: number; cout: number; k: number; up?: boolean }> = [
  { name: 'enc1a', cin: 1, cout: 8, k: 3 },
  { name: 'enc1b', cin: 8, cout: 8, k: 3 },
  { name: 'enc2a', cin: 8, cout: 16, k: 3 },
  { name: 'enc2b', cin: 16, cout: 16, k: 3 },
  { name: 'mid_a', cin: 16, cout: 32, k: 3 },
  { name: 'mid_b', cin: 32, cout: 32, k: 3 },
  { name: 'up2', cin: 32, cout: 16, k: 2, up: true },
  { name: 'dec2', cin: 32, cout: 16, k: 3 },
  { name: 'up1', cin: 16, cout: 8, k: 2, up: true },
  { name: 'dec1', cin: 16, cout: 8, k: 3 },
  { name: 'head', cin: 8, cout: 2, k: 1 },
];

/** Fresh weights: He-normal, zero biases; seeded. ConvTranspose weights are [cin, cout, k, k]. */
export function initialSegmenterWeights(seed: number): Weights {
  const rng = new Rng(seed);
  const w: Weights = new Map();
  for (const l of LAYERS) {
    const fanIn = (l.up ? l.cin / 4 : l.cin) * l.k * l.k;
    const dims = l.up ? [l.cin, l.cout, l.k, l.k] : [l.cout, l.cin, l.k, l.k];
    const count = dims.reduce((a, b) => a * b, 1);
    w.set(`${l.name}.weight`, { data: Float32Array.from({ length: count }, () => rng.gauss() * Math.sqrt(2 / fanIn)), dims });
    w.set(`${l.name}.bias`, { data: new Float32Array(l.cout), dims: [l.cout] });
  }
  return w;
}

/** Builds the ONNX model (opset 17, dynamic batch "N") holding `weights` as initializers. */
export function buildLungUnet(weights: Weights): ModelProto {
  const b = new GraphBuilder('seg');
  const param = (name: string) => {
    const t = weights.get(name);
    if (!t) throw new Error(`segmenter: weight "${name}" is missing`);
    return b.init(name, t.data, t.dims);
  };
  const layer = (name: string, x: string, relu = true): string => {
    const l = LAYERS.find((q) => q.name === name);
    if (!l) throw new Error(`segmenter: no layer "${name}"`);
    const inputs = [x, param(`${name}.weight`), param(`${name}.bias`)];
    const pad = (l.k - 1) / 2;
    const y = l.up
      ? b.op('ConvTranspose', inputs, { kernel_shape: [2, 2], strides: [2, 2] })
      : b.op('Conv', inputs, { kernel_shape: [l.k, l.k], pads: [pad, pad, pad, pad] }, name === 'head' ? 'logits' : undefined);
    return relu ? b.op('Relu', [y]) : y;
  };
  const image = b.input('image', ['N', 1, SEGMENTER_INPUT, SEGMENTER_INPUT]);
  const shift = b.init('input.shift', new Float32Array([0.45]), []);
  const gain = b.init('input.gain', new Float32Array([4]), []);
  const x0 = b.op('Mul', [b.op('Sub', [image, shift]), gain]);
  const pool = (x: string) => b.op('MaxPool', [x], { kernel_shape: [2, 2], strides: [2, 2] });
  const e1 = layer('enc1b', layer('enc1a', x0));
  const e2 = layer('enc2b', layer('enc2a', pool(e1)));
  const m = layer('mid_b', layer('mid_a', pool(e2)));
  const d2 = layer('dec2', b.op('Concat', [layer('up2', m), e2], { axis: 1 }));
  const d1 = layer('dec1', b.op('Concat', [layer('up1', d2), e1], { axis: 1 }));
  layer('head', d1, false);
  b.output('logits', ['N', 2, SEGMENTER_INPUT, SEGMENTER_INPUT]);
  return b.build({ opset: 17, name: 'aegis_demo_lung_unet' });
}
