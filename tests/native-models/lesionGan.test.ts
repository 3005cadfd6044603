import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { centreMask } from '../../electron/engine/fakes/patchBox';
import { encodeModel } from '../../electron/engine/onnx';
import { Rng } from '../../electron/engine/phantoms/random';
import { DEMO_GENERATOR_SPEC, INSERT_GENERATOR } from '../../native-models/generator/ganRecipes';
import { buildLesionGenerator, buildPatchDiscriminator, GAN_PATCH, initialDiscriminatorWeights, initialGeneratorWeights } from '../../native-models/generator/lesionGanGraphs';
import { lesionPatchSets, phantomPair } from '../../native-models/generator/lesionPairs';
import { trainLesionGan } from '../../native-models/generator/trainLesionGan';
import { CotangentTrainer } from '../../native-models/train/cotangentTrainer';
import type { Weights } from '../../native-models/train/weights';

const P = GAN_PATCH;

/** A batch of masked patches [n, 2, P, P] with a smooth random field as context. */
function patches(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const mask = centreMask(P, DEMO_GENERATOR_SPEC.mask.radius);
  const x = new Float32Array(n * 2 * P * P);
  for (let i = 0; i < n; i++) {
    const a = rng.uniform(0.2, 0.5);
    for (let j = 0; j < P * P; j++) {
      x[i * 2 * P * P + j] = mask[j] ? 0 : a + 0.03 * Math.sin(j * 0.37 + i) + 0.01 * rng.gauss();
      x[i * 2 * P * P + P * P + j] = mask[j]!;
    }
  }
  return x;
}

async function dot(model: Uint8Array, x: Float32Array, n: number, cot: Float32Array, output: string): Promise<number> {
  const s = await InferenceSession.create(model);
  const y = (await s.run({ patch: new Tensor('float32', x, [n, 2, P, P]) }))[output]!.data as Float32Array;
  await s.release();
  return y.reduce((acc, v, i) => acc + v * cot[i]!, 0);
}

describe('lesion GAN graphs through the cotangent trainer', () => {
  for (const [name, build, init, output] of [
    ['generator', buildLesionGenerator, initialGeneratorWeights, 'generated'],
    ['discriminator', buildPatchDiscriminator, initialDiscriminatorWeights, 'realism'],
  ] as const) {
    it(`${name}: parameter and input gradients of Σ output ⊙ cotangent match central finite differences`, async () => {
      const w: Weights = init(7);
      const x = patches(2, 3);
      const trainer = await CotangentTrainer.create(build(w), w, [2, P, P], 1);
      const rng = new Rng(11);
      const cot = Float32Array.from({ length: 2 * trainer.outputSize }, () => rng.gauss());
      const r = await trainer.backward(x, 2, cot);
      const fwd = await trainer.forward(x, 2);
      await trainer.release();
      const direct = await dot(encodeModel(build(w)), x, 2, cot, output);
      expect(fwd.reduce((a, v, i) => a + v * cot[i]!, 0)).toBeCloseTo(direct, 3);
      const h = 1e-2;
      for (const [param, idx] of [[name === 'generator' ? 'enc1a.weight' : 'd1.weight', 5], [name === 'generator' ? 'head.bias' : 'dhead.bias', 0], [name === 'generator' ? 'dec2.weight' : 'd3.weight', 17]] as const) {
        const p = w.get(param)!.data;
        const old = p[idx]!;
        p[idx] = old + h;
        const up = await dot(encodeModel(build(w)), x, 2, cot, output);
        p[idx] = old - h;
        const down = await dot(encodeModel(build(w)), x, 2, cot, output);
        p[idx] = old;
        const fd = (up - down) / (2 * h);
        expect(Math.abs(r.grads[param]![idx]! - fd)).toBeLessThan(2e-2 * Math.max(1, Math.abs(fd)));
      }
      // The input gradient on a context pixel of channel 0 (the centre is multiplied by a zero mask in the generator).
      // Input gradient at six context pixels of channel 0, step 1e-4 (×10 in the graph). Both networks are
      // piecewise linear (ReLU / LeakyReLU), so a step can cross a kink: five of six must agree.
      const hx = 1e-4;
      let agree = 0;
      for (const j of [3 * P + 4, 100, 250, 500, 900, P * P + 5 * P + 2]) {
        const xs = Float32Array.from(x);
        xs[j] = x[j]! + hx;
        const up = await dot(encodeModel(build(w)), xs, 2, cot, output);
        xs[j] = x[j]! - hx;
        const down = await dot(encodeModel(build(w)), xs, 2, cot, output);
        const fd = (up - down) / (2 * hx);
        if (Math.abs(r.inputGrad[j]! - fd) < 2e-2 * Math.max(1, Math.abs(fd))) agree += 1;
      }
      expect(agree).toBeGreaterThanOrEqual(5);
    });
  }
});

describe('exact phantom pairs', () => {
  it('a seed with and without its nodule differs only within the nodule’s reach, and the phantom without it is the one that seed always gave', async () => {
    const pair = phantomPair(3_000_123);
    const { healthy, sick, nodule } = pair;
    const { generateChestPhantom } = await import('../../electron/engine/phantoms/chestPhantom');
    expect(Array.from(generateChestPhantom(3_000_123).pixels)).toEqual(Array.from(healthy.pixels));
    let inside = 0;
    for (let i = 0; i < healthy.pixels.length; i++) {
      const d = Math.hypot((i % 512) - nodule.x, Math.floor(i / 512) - nodule.y);
      if (d > nodule.radius * 1.12 + 2) expect(sick.pixels[i]).toBe(healthy.pixels[i]);
      else if (sick.pixels[i] !== healthy.pixels[i]) inside += 1;
    }
    expect(inside).toBeGreaterThan(Math.PI * nodule.radius ** 2 * 0.8);
  });
});

describe('GAN training', () => {
  it('is reproducible: the same seed gives bit-identical weights, another seed different ones', async () => {
    const sets = lesionPatchSets(DEMO_GENERATOR_SPEC, 3_000_001, 4, 3, 5);
    const recipe = { ...INSERT_GENERATOR, steps: 3, batch: 4, warmup: 1 };
    const a = await trainLesionGan(recipe, sets.insert, 1);
    const b = await trainLesionGan(recipe, sets.insert, 1);
    const c = await trainLesionGan({ ...recipe, seed: recipe.seed + 10 }, sets.insert, 1);
    for (const [name, t] of a.weights) expect(Array.from(b.weights.get(name)!.data)).toEqual(Array.from(t.data));
    expect(Array.from(c.weights.get('head.weight')!.data)).not.toEqual(Array.from(a.weights.get('head.weight')!.data));
  });
});
