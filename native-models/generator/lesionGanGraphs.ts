/**
 * The demo lesion generators' networks as ONNX graphs (opset 17, dynamic batch "N"): a small
 * conditional inpainting U-Net (pix2pix / CT-GAN style, Isola et al. 2017, Mirsky et al. 2019) and
 * its PatchGAN discriminator.
 *
 * Both take `patch` [N, 2, P, P]: channel 0 the image patch in model units ([0, 1] of the demo
 * window), channel 1 the mask (1 inside the centre disc, 0 outside). For the generator the masked
 * centre of channel 0 holds 0 (it never sees it). Each graph first subtracts the mean of the context
 * (the unmasked pixels) and scales by {@link LOCAL_GAIN}, so what it learns does not depend on the
 * local brightness; the generator adds that mean back, so its output `generated` [N, 1, P, P] is in
 * the input's units. The discriminator returns one least-squares realism score per overlapping
 * window, `realism` [N, 1, P/8, P/8].
 */
import type { ModelProto } from 'onnx-buf';
import { GraphBuilder, float } from '../../electron/engine/onnx';
import { Rng } from '../../electron/engine/phantoms/random';
import type { Weights } from '../train/weights';

/** Side of the generator's patch, model pixels. */
export const GAN_PATCH = 32;
/** Model units → network units after the context mean is removed (local contrast of ±0.1 → ±1). */
export const LOCAL_GAIN = 10;

interface Layer {
  name: string;
  cin: number;
  cout: number;
  k: number;
  up?: boolean;
  stride?: number;
}

const GENERATOR: readonly Layer[] = [
  { name: 'enc1a', cin: 2, cout: 8, k: 3 },
  { name: 'enc1b', cin: 8, cout: 8, k: 3 },
  { name: 'enc2a', cin: 8, cout: 16, k: 3 },
  { name: 'enc2b', cin: 16, cout: 16, k: 3 },
  { name: 'mid_a', cin: 16, cout: 32, k: 3 },
  { name: 'mid_b', cin: 32, cout: 32, k: 3 },
  { name: 'up2', cin: 32, cout: 16, k: 2, up: true },
  { name: 'dec2', cin: 32, cout: 16, k: 3 },
  { name: 'up1', cin: 16, cout: 8, k: 2, up: true },
  { name: 'dec1', cin: 16, cout: 8, k: 3 },
  { name: 'head', cin: 8, cout: 1, k: 1 },
];

const DISCRIMINATOR: readonly Layer[] = [
  { name: 'd1', cin: 2, cout: 8, k: 4, stride: 2 },
  { name: 'd2', cin: 8, cout: 16, k: 4, stride: 2 },
  { name: 'd3', cin: 16, cout: 32, k: 4, stride: 2 },
  { name: 'dhead', cin: 32, cout: 1, k: 3 },
];

function initial(layers: readonly Layer[], seed: number, headScale: number): Weights {
  const rng = new Rng(seed);
  const w: Weights = new Map();
  for (const l of layers) {
    const fanIn = (l.up ? l.cin / 4 : l.cin) * l.k * l.k;
    const dims = l.up ? [l.cin, l.cout, l.k, l.k] : [l.cout, l.cin, l.k, l.k];
    const count = dims.reduce((a, b) => a * b, 1);
    const scale = l.name.endsWith('head') ? headScale : Math.sqrt(2 / fanIn);
    w.set(`${l.name}.weight`, { data: Float32Array.from({ length: count }, () => rng.gauss() * scale), dims });
    w.set(`${l.name}.bias`, { data: new Float32Array(l.cout), dims: [l.cout] });
  }
  return w;
}

/** Fresh generator weights: He-normal convolutions, a near-zero head (it starts by copying the context mean); seeded. */
export function initialGeneratorWeights(seed: number): Weights {
  return initial(GENERATOR, seed, 0.01);
}

/** Fresh discriminator weights: He-normal, small head; seeded. */
export function initialDiscriminatorWeights(seed: number): Weights {
  return initial(DISCRIMINATOR, seed, 0.05);
}

/** Channel `c` of a [N, C, H, W] tensor as [N, 1, H, W]. */
function channel(b: GraphBuilder, x: string, c: number): string {
  const i64 = (name: string, v: number) => b.init(`${name}.${c}`, BigInt64Array.of(BigInt(v)), [1]);
  return b.op('Slice', [x, i64('ch.starts', c), i64('ch.ends', c + 1), i64('ch.axes', 1)]);
}

/** The patch with its context mean removed, scaled by LOCAL_GAIN, and that mean ([N, 1, 1, 1]). */
function localNormalise(b: GraphBuilder, patch: string): { values: string; mask: string; mean: string } {
  const values = channel(b, patch, 0);
  const mask = channel(b, patch, 1);
  const one = b.init('one', new Float32Array([1]), []);
  const context = b.op('Sub', [one, mask]);
  const axes = b.init('spatial.axes', BigInt64Array.of(2n, 3n), [2]);
  const mean = b.op('Div', [b.op('ReduceSum', [b.op('Mul', [values, context]), axes], { keepdims: 1 }), b.op('ReduceSum', [context, axes], { keepdims: 1 })]);
  const gain = b.init('local.gain', new Float32Array([LOCAL_GAIN]), []);
  return { values: b.op('Mul', [b.op('Sub', [values, mean]), gain]), mask, mean };
}

function makeLayer(b: GraphBuilder, layers: readonly Layer[], weights: Weights) {
  const param = (name: string) => {
    const t = weights.get(name);
    if (!t) throw new Error(`lesion GAN: weight "${name}" is missing`);
    return b.init(name, t.data, t.dims);
  };
  return (name: string, x: string): string => {
    const l = layers.find((q) => q.name === name);
    if (!l) throw new Error(`lesion GAN: no layer "${name}"`);
    const inputs = [x, param(`${name}.weight`), param(`${name}.bias`)];
    if (l.up) return b.op('ConvTranspose', inputs, { kernel_shape: [2, 2], strides: [2, 2] });
    const s = l.stride ?? 1;
    const pad = s === 1 ? (l.k - 1) / 2 : (l.k - s) / 2;
    return b.op('Conv', inputs, { kernel_shape: [l.k, l.k], strides: [s, s], pads: [pad, pad, pad, pad] });
  };
}

/** The generator graph: `patch` [N, 2, P, P] → `generated` [N, 1, P, P], in model units. */
export function buildLesionGenerator(weights: Weights, name = 'aegis_demo_lesion_generator'): ModelProto {
  const b = new GraphBuilder('gen');
  const layer = makeLayer(b, GENERATOR, weights);
  const relu = (x: string) => b.op('Relu', [x]);
  const patch = b.input('patch', ['N', 2, GAN_PATCH, GAN_PATCH]);
  const { values, mask, mean } = localNormalise(b, patch);
  const x0 = b.op('Concat', [b.op('Mul', [values, b.op('Sub', [b.init('one.g', new Float32Array([1]), []), mask])]), mask], { axis: 1 });
  const pool = (x: string) => b.op('MaxPool', [x], { kernel_shape: [2, 2], strides: [2, 2] });
  const e1 = relu(layer('enc1b', relu(layer('enc1a', x0))));
  const e2 = relu(layer('enc2b', relu(layer('enc2a', pool(e1)))));
  const m = relu(layer('mid_b', relu(layer('mid_a', pool(e2)))));
  const d2 = relu(layer('dec2', b.op('Concat', [relu(layer('up2', m)), e2], { axis: 1 })));
  const d1 = relu(layer('dec1', b.op('Concat', [relu(layer('up1', d2)), e1], { axis: 1 })));
  const inv = b.init('local.inverse_gain', new Float32Array([1 / LOCAL_GAIN]), []);
  b.op('Add', [b.op('Mul', [layer('head', d1), inv]), mean], {}, 'generated');
  b.output('generated', ['N', 1, GAN_PATCH, GAN_PATCH]);
  return b.build({ opset: 17, name });
}

/** The PatchGAN discriminator graph: `patch` [N, 2, P, P] (candidate, mask) → `realism` [N, 1, P/8, P/8]. */
export function buildPatchDiscriminator(weights: Weights): ModelProto {
  const b = new GraphBuilder('disc');
  const layer = makeLayer(b, DISCRIMINATOR, weights);
  const leaky = (x: string) => b.op('LeakyRelu', [x], { alpha: float(0.2) });
  const patch = b.input('patch', ['N', 2, GAN_PATCH, GAN_PATCH]);
  const { values, mask } = localNormalise(b, patch);
  let x = b.op('Concat', [values, mask], { axis: 1 });
  for (const name of ['d1', 'd2', 'd3']) x = leaky(layer(name, x));
  b.op('Identity', [layer('dhead', x)], {}, 'realism');
  b.output('realism', ['N', 1, GAN_PATCH / 8, GAN_PATCH / 8]);
  return b.build({ opset: 17, name: 'aegis_demo_patch_discriminator' });
}
