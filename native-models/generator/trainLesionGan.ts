/**
 * Trains one demo lesion generator as a conditional GAN through Aegis's gradient compiler (pix2pix,
 * Isola et al. 2017, as CT-GAN uses it, Mirsky et al. 2019): least-squares adversarial loss (Mao et
 * al. 2017) against a PatchGAN discriminator, plus `l1Weight` × L1 to the true after-patch.
 *
 * Per step, on a seeded mini-batch: the generator's output is scored by the discriminator next to
 * the true patches, the discriminator descends L_D = ½·mean(D(real) − 1)² + ½·mean D(fake)², then
 * the generator descends L_G = ½·mean(D(fake) − 1)² + λ·mean_w|G − target| (a weighted mean: masked pixels
 * count `centreWeight` times, the context is mostly copied through), its adversarial gradient
 * being the discriminator's input gradient chained through the generator (both graphs compiled with
 * the `cotangent` seed). Deterministic for a given seed and thread count.
 */
import { Rng } from '../../electron/engine/phantoms/random';
import { BatchSampler, gather } from '../train/batchSampler';
import { CotangentTrainer } from '../train/cotangentTrainer';
import { ScheduledAdamW } from '../train/scheduledAdamW';
import type { Weights } from '../train/weights';
import type { GeneratorRecipe } from './ganRecipes';
import { buildLesionGenerator, buildPatchDiscriminator, GAN_PATCH, initialDiscriminatorWeights, initialGeneratorWeights } from './lesionGanGraphs';
import type { PatchSet } from './lesionPairs';

/** What GAN training produced. */
export interface TrainedGenerator {
  weights: Weights;
  seconds: number;
  /** Per block of 50 steps: mean L1 (model units), generator LSGAN term, discriminator loss. */
  curve: { l1: number; adversarial: number; discriminator: number }[];
}

/** Trains a generator for `recipe` on `data`; `threads` onnxruntime threads per session. */
export async function trainLesionGan(recipe: GeneratorRecipe, data: PatchSet, threads: number, log: (line: string) => void = () => {}): Promise<TrainedGenerator> {
  const start = performance.now();
  const p = GAN_PATCH;
  const plane = p * p;
  const gWeights = initialGeneratorWeights(recipe.seed);
  const dWeights = initialDiscriminatorWeights(recipe.seed + 1);
  const sample = [2, p, p];
  const g = await CotangentTrainer.create(buildLesionGenerator(gWeights), gWeights, sample, threads);
  const d = await CotangentTrainer.create(buildPatchDiscriminator(dWeights), dWeights, sample, threads).catch(async (err: unknown) => {
    await g.release();
    throw err;
  });
  const optG = new ScheduledAdamW(gWeights, { peakLr: recipe.peakLr, warmup: recipe.warmup, steps: recipe.steps, weightDecay: recipe.weightDecay });
  const optD = new ScheduledAdamW(dWeights, { peakLr: recipe.discriminatorLr, warmup: recipe.warmup, steps: recipe.steps, weightDecay: recipe.weightDecay });
  const sampler = new BatchSampler(data.count, 1, new Rng(recipe.seed + 2));
  const b = recipe.batch;
  const x = new Float32Array(b * 2 * plane);
  const target = new Float32Array(b * plane);
  const pairIn = new Float32Array(2 * b * 2 * plane);
  // The L1 term is a weighted mean over the patch: masked pixels count centreWeight times.
  const maskArea = data.inputs.subarray(plane, 2 * plane).reduce((a, v) => a + v, 0);
  const l1Norm = plane + (recipe.centreWeight - 1) * maskArea;
  const curve: TrainedGenerator['curve'] = [];
  let block = { l1: 0, adversarial: 0, discriminator: 0 };
  try {
    for (let step = 0; step < recipe.steps; step++) {
      const batch = sampler.nextBatch(b);
      gather(data.inputs, batch, 2 * plane, x);
      gather(data.targets, batch, plane, target);
      const fake = await g.forward(x, b);
      // Discriminator: the true patches first, then the generated ones, each with its mask.
      for (let i = 0; i < b; i++) {
        const mask = x.subarray((2 * i + 1) * plane, (2 * i + 2) * plane);
        pairIn.set(target.subarray(i * plane, (i + 1) * plane), 2 * i * plane);
        pairIn.set(mask, (2 * i + 1) * plane);
        pairIn.set(fake.subarray(i * plane, (i + 1) * plane), 2 * (b + i) * plane);
        pairIn.set(mask, (2 * (b + i) + 1) * plane);
      }
      const scores = await d.forward(pairIn, 2 * b);
      const cells = d.outputSize;
      const per = b * cells;
      const dCot = new Float32Array(2 * per);
      let lossD = 0;
      for (let k = 0; k < 2 * per; k++) {
        const want = k < per ? 1 : 0;
        dCot[k] = (scores[k]! - want) / per;
        lossD += (0.5 * (scores[k]! - want) ** 2) / per;
      }
      optD.step((await d.backward(pairIn, 2 * b, dCot)).grads, step);
      // Generator: LSGAN term through the updated discriminator, plus λ·L1.
      const fakeIn = pairIn.subarray(2 * b * plane * 1, 2 * b * plane * 2);
      const fakeScores = await d.forward(fakeIn, b);
      const fCot = new Float32Array(per);
      let adv = 0;
      for (let k = 0; k < per; k++) {
        fCot[k] = (fakeScores[k]! - 1) / per;
        adv += (0.5 * (fakeScores[k]! - 1) ** 2) / per;
      }
      const through = (await d.backward(fakeIn, b, fCot)).inputGrad;
      const gCot = new Float32Array(b * plane);
      let l1 = 0;
      for (let i = 0; i < b; i++) {
        const mask = x.subarray((2 * i + 1) * plane, (2 * i + 2) * plane);
        for (let j = 0; j < plane; j++) {
          const diff = fake[i * plane + j]! - target[i * plane + j]!;
          l1 += Math.abs(diff) / (b * plane);
          const weight = (1 + (recipe.centreWeight - 1) * mask[j]!) / l1Norm;
          gCot[i * plane + j] = through[2 * i * plane + j]! + (recipe.l1Weight * weight * Math.sign(diff)) / b;
        }
      }
      optG.step((await g.backward(x, b, gCot)).grads, step);
      block = { l1: block.l1 + l1, adversarial: block.adversarial + adv, discriminator: block.discriminator + lossD };
      if ((step + 1) % 50 === 0) {
        const mean = { l1: block.l1 / 50, adversarial: block.adversarial / 50, discriminator: block.discriminator / 50 };
        curve.push(mean);
        log(`step ${step + 1}/${recipe.steps}  L1 ${mean.l1.toFixed(5)}  G adv ${mean.adversarial.toFixed(3)}  D ${mean.discriminator.toFixed(3)}  ${((performance.now() - start) / 1000).toFixed(0)} s`);
        block = { l1: 0, adversarial: 0, discriminator: 0 };
      }
    }
  } finally {
    await g.release();
    await d.release();
  }
  return { weights: gWeights, seconds: (performance.now() - start) / 1000, curve };
}
