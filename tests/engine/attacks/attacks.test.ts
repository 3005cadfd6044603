import { describe, expect, it } from 'vitest';
import { storedImageSpace, type StoredImage } from '../../../electron/engine/attacks/attackSpace';
import type { AttackProblem, AttackSettings } from '../../../electron/engine/attacks/attackTypes';
import { cw } from '../../../electron/engine/attacks/cw';
import { deepfool } from '../../../electron/engine/attacks/deepfool';
import { decide } from '../../../electron/engine/attacks/goal';
import { pgd } from '../../../electron/engine/attacks/pgd';
import { Rng } from '../../../electron/engine/attacks/rng';
import { imageRobustnessMargin, robustnessMargin } from '../../../electron/engine/attacks/robustnessMargin';
import { runAttack, type AttackMethod } from '../../../electron/engine/attacks/runAttack';
import { Pipeline } from '../../../electron/engine/imaging/pipeline';
import { LinearModel, PointwiseSegmenter } from './analyticModels';

const CT = { bitsStored: 12, pixelRepresentation: 0 as const, rescaleSlope: 1, rescaleIntercept: -1024 };

/** A 13×11 12-bit CT-like image (window 40/400 HU) resized to a 6×5 model input with 2 channels… of one. */
function ctCase(seed: number): { image: StoredImage; pipeline: Pipeline } {
  const r = new Rng(seed);
  const width = 13;
  const height = 11;
  const stored = Float64Array.from({ length: width * height }, () => Math.round(1024 - 200 + 500 * r.uniform()));
  const pipeline = new Pipeline({
    nativeWidth: width,
    nativeHeight: height,
    nativeChannels: 1,
    inputWidth: 6,
    inputHeight: 5,
    inputChannels: 1,
    mapping: { lo: -160, hi: 240, outMin: 0, outMax: 1 },
  });
  return { image: { stored, width, height, channels: 1, format: CT }, pipeline };
}

const settings = (over: Partial<AttackSettings> = {}): AttackSettings => ({ eps: 0.03, norm: 'linf', steps: 10, seed: 1, ...over });

function freeProblem(model: LinearModel, x0: Float32Array, goal: AttackProblem['goal']): AttackProblem {
  return { objective: model, x0, lower: new Float32Array(x0.length).fill(-100), upper: new Float32Array(x0.length).fill(100), goal };
}

/** A binary linear model at `x`: its decision, the normal w = w_other − w_label of its boundary, and the logit gap |z₀ − z₁|. */
async function binaryCase(inputs: number, seed: number, x: Float32Array) {
  const bin = LinearModel.random(2, inputs, seed);
  const z = await bin.predict(x);
  const label = z[0] > z[1] ? 0 : 1;
  const w = bin.w[1 - label].map((v, i) => v - bin.w[label][i]);
  return { bin, label, w, gap: Math.abs(z[0] - z[1]) };
}

describe('attacks in stored-pixel space', () => {
  const methods: AttackMethod[] = ['fgsm', 'bim', 'pgd', 'mifgsm'];
  it.each(methods.flatMap((m) => [[m, 'linf'], [m, 'l2']] as const))('%s %s: budget and stored range hold after quantisation', async (method, norm) => {
    const { image, pipeline } = ctCase(3);
    const model = LinearModel.random(3, 30, 11);
    const eps = norm === 'linf' ? 0.03 : 0.3;
    const report = await runAttack(model, storedImageSpace(pipeline, image), { ...settings({ eps, norm }), method });
    const n = report.metrics.normalised;
    expect(norm === 'linf' ? n.linf : n.l2).toBeLessThanOrEqual(eps + 1e-9);
    expect(report.metrics.stored.linf).toBeGreaterThan(0);
    for (const s of report.stored) {
      expect(Number.isInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(4095);
    }
    // The reported "after" is the model on the quantised stored values, re-read.
    const reread = pipeline.forwardNormalised(pipeline.toNormalised(Float32Array.from(report.stored, (s) => s - 1024)));
    expect(Array.from(report.modelInput)).toEqual(Array.from(reread));
    expect(report.iterations).toBeGreaterThanOrEqual(1);
    expect(report.secondsPerIteration).toBeGreaterThanOrEqual(0);
  });

  it('pinExtremes keeps the min and max pixels, so a min–max mapping of the result equals the original\'s', async () => {
    const { image, pipeline } = ctCase(8);
    const stored = Float64Array.from(image.stored);
    stored[0] = 500; // unique minimum
    stored[1] = 1900; // unique maximum
    const minmax = new Pipeline({ ...pipeline.config, mapping: { lo: 500 - 1024, hi: 1900 - 1024, outMin: 0, outMax: 1 } });
    const free = storedImageSpace(minmax, { ...image, stored });
    expect(free.upper[0]).toBeGreaterThan(free.lower[0]);
    const pinned = storedImageSpace(minmax, { ...image, stored }, true);
    expect([pinned.lower[0], pinned.upper[0], pinned.lower[1], pinned.upper[1]]).toEqual([pinned.x0[0], pinned.x0[0], pinned.x0[1], pinned.x0[1]]);
    const report = await runAttack(LinearModel.random(3, 30, 23), pinned, { ...settings({ eps: 0.3 }), method: 'fgsm' });
    expect([report.stored[0], report.stored[1]]).toEqual([500, 1900]);
    expect(Math.min(...report.stored)).toBe(500);
    expect(Math.max(...report.stored)).toBe(1900);
  });

  it('MONOCHROME1: stored changes follow the inverted mapping and keep the budget', async () => {
    const { image, pipeline } = ctCase(6);
    const inverted = new Pipeline({ ...pipeline.config, mapping: { ...pipeline.config.mapping, invert: true } });
    const model = LinearModel.random(3, 30, 17);
    const space = storedImageSpace(inverted, image);
    const report = await runAttack(model, space, { ...settings({ eps: 0.05 }), method: 'pgd' });
    expect(report.metrics.normalised.linf).toBeLessThanOrEqual(0.05);
    let moved = 0;
    report.stored.forEach((s, i) => {
      const du = report.normalised[i] - space.x0[i];
      if (s !== image.stored[i]) {
        expect(Math.sign(s - image.stored[i])).toBe(-Math.sign(du)); // brighter on screen = lower stored value
        moved++;
      }
    });
    expect(moved).toBeGreaterThan(0);
  });

  it('success rate rises with the budget (PGD L∞, 24 images)', async () => {
    const model = LinearModel.random(4, 30, 5);
    const rates: number[] = [];
    for (const eps of [0.002, 0.02, 0.2]) {
      let wins = 0;
      for (let k = 0; k < 24; k++) {
        const { image, pipeline } = ctCase(100 + k);
        const report = await runAttack(model, storedImageSpace(pipeline, image), { ...settings({ eps, steps: 8 }), method: 'pgd' });
        if (report.success) wins++;
      }
      rates.push(wins / 24);
    }
    expect(rates[0]).toBeLessThanOrEqual(rates[1]);
    expect(rates[1]).toBeLessThanOrEqual(rates[2]);
    expect(rates[2]).toBeGreaterThan(rates[0]);
    expect(rates[2]).toBe(1);
  });

  it('the same seed gives the same image; another seed another image', async () => {
    const { image, pipeline } = ctCase(9);
    const model = LinearModel.random(3, 30, 2);
    const run = (seed: number) => runAttack(model, storedImageSpace(pipeline, image), { ...settings({ seed, steps: 3, eps: 0.05 }), method: 'pgd' });
    const [a, b, c] = [await run(42), await run(42), await run(43)];
    expect(Array.from(a.stored)).toEqual(Array.from(b.stored));
    expect(Array.from(a.stored)).not.toEqual(Array.from(c.stored));
  });

  it('multi-label: PGD flips the chosen finding\'s sigmoid decision; C&W refuses multi-label goals', async () => {
    const { image, pipeline } = ctCase(5);
    const model = LinearModel.random(5, 30, 13);
    const space = storedImageSpace(pipeline, image);
    for (const finding of [0, 3]) {
      const report = await runAttack(model, space, { ...settings({ eps: 0.5, steps: 20 }), method: 'pgd', multilabelClass: finding });
      expect(report.after.decision).toBe(1 - (report.before.decision as number));
      expect(report.success).toBe(true);
      const z = await model.predict(pipeline.forwardNormalised(report.normalised));
      expect(z[finding] > 0 ? 1 : 0).toBe(report.after.decision);
      expect(report.after.probabilities[finding]).toBeCloseTo(1 / (1 + Math.exp(-z[finding])), 5);
    }
    await expect(runAttack(model, space, { ...settings(), method: 'cw', multilabelClass: 1 })).rejects.toThrow(/single-label/);
    await expect(runAttack(model, space, { ...settings(), method: 'pgd', multilabelClass: 9 })).rejects.toThrow(/finding 9 is out of range/);
  });

  it('image robustness margin: PGD flips the quantised image at the margin, not just below it', async () => {
    const { image, pipeline } = ctCase(12);
    const model = LinearModel.random(3, 30, 4);
    const space = storedImageSpace(pipeline, image);
    const result = await imageRobustnessMargin(model, space, { maxEps: 0.5, tolerance: 0.002, steps: 10, seed: 1 });
    expect(result.margin).not.toBeNull();
    const margin = result.margin as number;
    expect(margin - result.robustUpTo).toBeLessThanOrEqual(0.002);
    const at = (eps: number) => runAttack(model, space, { ...settings({ eps, steps: 10, seed: 1, earlyStop: true }), method: 'pgd' });
    expect((await at(margin)).success).toBe(true);
    expect((await at(result.robustUpTo)).success).toBe(false);
    expect(result.probes[0]).toEqual({ eps: 0.5, flipped: true });
  });

  it('reports progress and stops when cancelled', async () => {
    const { image, pipeline } = ctCase(4);
    const model = LinearModel.random(3, 30, 2);
    const seen: number[] = [];
    await runAttack(model, storedImageSpace(pipeline, image), { ...settings({ steps: 5 }), method: 'bim', onProgress: (p) => seen.push(p.iteration) });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    const controller = new AbortController();
    const job = runAttack(model, storedImageSpace(pipeline, image), {
      ...settings({ steps: 50 }),
      method: 'pgd',
      signal: controller.signal,
      onProgress: (p) => p.iteration === 3 && controller.abort(),
    });
    await expect(job).rejects.toThrow(/cancelled/);
  });
});

describe('targeted attacks and minimum-norm attacks on analytic models', () => {
  const model = LinearModel.random(5, 20, 3);
  const x0 = Float32Array.from({ length: 20 }, (_, i) => 0.5 + 0.1 * Math.sin(i));

  it.each(['pgd', 'bim', 'mifgsm', 'fgsm', 'cw', 'deepfool'] as const)('%s reaches a chosen target class', async (method) => {
    const label = decide(await model.predict(x0), [5]) as number;
    const target = (label + 2) % 5;
    const { attackImplementation } = await import('../../../electron/engine/attacks/registry');
    const out = await attackImplementation(method).run(freeProblem(model, x0, { label, target }), settings({ eps: 2, steps: method === 'cw' ? 200 : 40, alpha: method === 'cw' ? 0.05 : undefined }));
    expect(out.success).toBe(true);
    expect(decide(out.logits, [5])).toBe(target);
  });

  it('DeepFool finds the analytic minimal L2 perturbation of a binary linear model', async () => {
    const x = Float32Array.from({ length: 12 }, (_, i) => Math.cos(i));
    const { bin, label, w, gap } = await binaryCase(12, 8, x);
    const wn = Math.sqrt(w.reduce((s, v) => s + v * v, 0));
    const distance = gap / wn; // |f| / ‖w‖₂
    const out = await deepfool(freeProblem(bin, x, { label }), settings({ steps: 50, norm: 'l2' }));
    expect(out.success).toBe(true);
    const delta = Math.sqrt(out.x.reduce((s, v, i) => s + (v - x[i]) ** 2, 0));
    expect(delta).toBeGreaterThanOrEqual(distance);
    expect(delta).toBeCloseTo(1.02 * (distance + 1e-4 / wn), 4);
    expect(out.iterations).toBe(1);
    // The L∞ variant steps |f|/‖w‖₁ along sign(w): its L∞ norm is 1.02·(|f| + 1e-4)/‖w‖₁.
    const w1 = w.reduce((s, v) => s + Math.abs(v), 0);
    const inf = await deepfool(freeProblem(bin, x, { label }), settings({ steps: 50, norm: 'linf' }));
    expect(inf.success).toBe(true);
    expect(Math.max(...inf.x.map((v, i) => Math.abs(v - x[i])))).toBeCloseTo((1.02 * (gap + 1e-4)) / w1, 4);
  });

  it('C&W L2 lands near the same minimal distance', async () => {
    const x = Float32Array.from({ length: 12 }, (_, i) => Math.cos(i));
    const { bin, label, w, gap } = await binaryCase(12, 8, x);
    const distance = gap / Math.sqrt(w.reduce((s, v) => s + v * v, 0));
    const problem = { ...freeProblem(bin, x, { label }), lower: new Float32Array(12).fill(-5), upper: new Float32Array(12).fill(5) };
    const out = await cw(problem, settings({ steps: 300, alpha: 0.01, searchSteps: 6, initialConst: 1 }));
    expect(out.success).toBe(true);
    const delta = Math.sqrt(out.x.reduce((s, v, i) => s + (v - x[i]) ** 2, 0));
    expect(delta).toBeGreaterThanOrEqual(distance * 0.999);
    expect(delta).toBeLessThan(distance * 1.15);
  });

  it('robustness margin by bisection over PGD matches the analytic L∞ margin |f|/‖w‖₁', async () => {
    const x = Float32Array.from({ length: 10 }, (_, i) => 0.3 * Math.sin(3 * i));
    const { bin, label, w, gap } = await binaryCase(10, 21, x);
    const exact = gap / w.reduce((s, v) => s + Math.abs(v), 0);
    const flips = async (eps: number) => (await pgd(freeProblem(bin, x, { label }), settings({ eps, steps: 20, earlyStop: true }))).success;
    const result = await robustnessMargin(flips, { maxEps: 4 * exact, tolerance: 1e-4 });
    expect(result.margin).not.toBeNull();
    expect(Math.abs((result.margin as number) - exact)).toBeLessThan(2e-4);
    expect((await robustnessMargin(flips, { maxEps: 0.5 * exact })).margin).toBeNull();
  });

  it('segmentation: untargeted per-pixel CE flips most pixels, targeted Dice reaches an all-background map', async () => {
    const seg = new PointwiseSegmenter([0, 4, 8], [0, -1.5, -5], 4, 5);
    const x = Float32Array.from({ length: 20 }, (_, i) => (i % 4) / 3);
    const label = decide(await seg.predict(x), seg.outputShape) as Int32Array;
    const box = { lower: new Float32Array(20), upper: new Float32Array(20).fill(1) };
    const un = await pgd({ objective: seg, x0: x, ...box, goal: { label } }, settings({ eps: 0.4, steps: 20 }));
    expect(un.success).toBe(true);
    const target = new Int32Array(20);
    const tg = await pgd({ objective: seg, x0: x, ...box, goal: { label, target, segLoss: 'dice' } }, settings({ eps: 1, steps: 30 }));
    expect(tg.success).toBe(true);
  });
});
