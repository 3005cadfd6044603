import { afterAll, describe, expect, it } from 'vitest';
import { apgd, apgdCheckpoints } from '../../../electron/engine/attacks/apgd';
import { asma, overlap } from '../../../electron/engine/attacks/asma';
import { rawInputSpace } from '../../../electron/engine/attacks/attackSpace';
import type { AttackProblem, AttackSettings } from '../../../electron/engine/attacks/attackTypes';
import { diceDescent } from '../../../electron/engine/attacks/diceDescent';
import { ensemble } from '../../../electron/engine/attacks/ensemble';
import { feature } from '../../../electron/engine/attacks/feature';
import { decide } from '../../../electron/engine/attacks/goal';
import type { Objective } from '../../../electron/engine/attacks/objective';
import { OnnxObjective } from '../../../electron/engine/attacks/onnxObjective';
import { diversityIndex, difgsm, smoothGradient, tifgsm } from '../../../electron/engine/attacks/transferFgsm';
import { applyUniversal, resamplePerturbation, trainUniversal } from '../../../electron/engine/attacks/universal';
import { Rng } from '../../../electron/engine/attacks/rng';
import { encodeModel, hashBytes } from '../../../electron/engine/onnx';
import { LinearModel, PointwiseSegmenter } from './analyticModels';
import { tinyClassifier } from './tinyModels';

const settings = (over: Partial<AttackSettings> = {}): AttackSettings => ({ eps: 0.03, norm: 'linf', steps: 20, seed: 1, ...over });
const side = 8;
const geometry = { channels: 1, height: side, width: side };
const x0 = Float32Array.from({ length: side * side }, (_, i) => 0.5 + 0.2 * Math.sin(i * 0.7));
const box = (n: number) => ({ lower: new Float32Array(n).fill(-100), upper: new Float32Array(n).fill(100) });

async function binary(model: LinearModel, x: Float32Array = x0) {
  const z = await model.predict(x);
  const label = z[0] > z[1] ? 0 : 1;
  const w = model.w[1 - label].map((v, i) => v - model.w[label][i]);
  return { label, l1: w.reduce((s, v) => s + Math.abs(v), 0), gap: Math.abs(z[0] - z[1]) };
}

const opened: OnnxObjective[] = [];
afterAll(async () => {
  for (const o of opened) await o.release();
});

describe('APGD with a margin loss, and the worst case over APGD and Square', () => {
  it('checkpoints follow Croce & Hein: 22, 41, 57, 70, 80, 87, 93, 99 of 100', () => {
    expect(apgdCheckpoints(100)).toEqual([22, 41, 57, 70, 80, 87, 93, 99]);
  });

  it('APGD flips a two-class model just above its analytic L∞ margin (the margin loss needs no third class)', async () => {
    const model = LinearModel.random(2, side * side, 21);
    const { label, l1, gap } = await binary(model);
    const problem: AttackProblem = { objective: model, x0, ...box(x0.length), goal: { label }, geometry };
    expect((await apgd(problem, settings({ eps: 1.05 * (gap / l1), steps: 50 }))).success).toBe(true);
    expect((await apgd(problem, settings({ eps: 0.95 * (gap / l1), steps: 50 }))).success).toBe(false);
  });

  it('ensemble: APGD wins on an honest model; Square wins where the gradient is masked', async () => {
    const model = LinearModel.random(2, side * side, 22);
    const { label, l1, gap } = await binary(model);
    const eps = 1.3 * (gap / l1);
    const honest = await ensemble({ objective: model, x0, ...box(x0.length), goal: { label }, geometry }, settings({ eps, steps: 30, queries: 2000 }));
    expect(honest.winner).toBe('apgd');
    const masked: Objective = { ...model, inputSize: model.inputSize, outputShape: model.outputShape, predict: (x) => model.predict(x), evaluate: async (x, loss) => ({ ...(await model.evaluate(x, loss)), grad: new Float32Array(x.length) }) };
    const out = await ensemble({ objective: masked, x0, ...box(x0.length), goal: { label }, geometry }, settings({ eps, steps: 30, queries: 3000 }));
    expect(out.winner).toBe('square');
    expect(out.success).toBe(true);
  });
});

describe('segmentation attacks', () => {
  it('Dice and IoU of label maps match a hand count', () => {
    const a = Int32Array.from([0, 1, 1, 1, 0, 2]);
    const b = Int32Array.from([0, 1, 0, 1, 1, 0]);
    const { dice, iou } = overlap(a, b, 3);
    // class 1: |A| 3, |B| 3, ∩ 2 → Dice 2/3, IoU 1/2; class 2: |A| 1, |B| 0 → 0, 0.
    expect(dice).toBeCloseTo((2 / 3 + 0) / 2, 9);
    expect(iou).toBeCloseTo((1 / 2 + 0) / 2, 9);
  });

  it('ASMA drives the mask to the target map; Dice descent lowers Dice against the clean mask', async () => {
    const seg = new PointwiseSegmenter([0, 4, 8], [0, -1.5, -5], 4, 5);
    const x = Float32Array.from({ length: 20 }, (_, i) => (i % 4) / 3);
    const clean = decide(await seg.predict(x), seg.outputShape) as Int32Array;
    const problem: AttackProblem = { objective: seg, x0: x, lower: new Float32Array(20).fill(0), upper: new Float32Array(20).fill(1), goal: { label: clean, target: new Int32Array(20) }, geometry: { channels: 1, height: 4, width: 5 } };
    const out = await asma(problem, settings({ eps: 0.7, steps: 40 })); // background needs x < 0.375: reachable from 1 with eps 0.7
    expect(out.success).toBe(true);
    const after = decide(out.logits, seg.outputShape) as Int32Array;
    expect(after.filter((v) => v === 0).length).toBeGreaterThanOrEqual(18);
    expect(overlap(clean, after, 3).dice).toBeLessThan(0.5);
    const untargeted = await diceDescent({ ...problem, goal: { label: clean } }, settings({ eps: 0.4, steps: 30 }));
    expect(overlap(clean, decide(untargeted.logits, seg.outputShape) as Int32Array, 3).dice).toBeLessThan(0.5);
  });
});

describe('transfer attacks (DI, TI) and a universal perturbation', () => {
  it('TI smoothing keeps the gradient mass in the interior; DI picks pixels of the input or padding', () => {
    const g = { channels: 1, height: 21, width: 21 };
    const spike = new Float32Array(441);
    spike[10 * 21 + 10] = 1;
    const smooth = smoothGradient(spike, g, 7);
    expect(smooth.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(smooth[10 * 21 + 10]).toBeLessThan(1);
    expect(smooth[10 * 21 + 11]).toBeCloseTo(smooth[11 * 21 + 10], 6);
    const source = diversityIndex(g, new Rng(3));
    for (const s of source) expect(s >= -1 && s < 441).toBe(true);
    expect(source.filter((s) => s < 0).length).toBeGreaterThan(0);
  });

  it('DI- and TI-FGSM crafted on a surrogate flip a similar target model', async () => {
    const surrogate = LinearModel.random(2, side * side, 30);
    const rng = new Rng(31);
    const target = new LinearModel(surrogate.w.map((row) => row.map((v) => v + 0.2 * rng.normal())), surrogate.b);
    const { label, l1, gap } = await binary(target);
    for (const attack of [difgsm, tifgsm]) {
      const out = await attack({ objective: surrogate, x0, ...box(x0.length), goal: { label }, geometry }, settings({ eps: 3 * (gap / l1), steps: 10 }));
      expect(decide(await target.predict(out.x), [2])).not.toBe(label);
    }
  });

  it('one perturbation fools every image whose analytic margin is below eps, and resamples to other sizes', async () => {
    const model = LinearModel.random(2, side * side, 40);
    const rng = new Rng(41);
    const images = Array.from({ length: 24 }, () => Float32Array.from(x0, (v) => Math.min(1, Math.max(0, v + 0.05 * rng.normal()))));
    const items = [];
    for (const img of images) items.push({ space: rawInputSpace(img, [1, 1, side, side]), goal: { label: (await binary(model, img)).label } });
    const ref = await binary(model);
    const common = items.filter((it) => it.goal.label === ref.label);
    const eps = 1.2 * (ref.gap / ref.l1);
    const uap = await trainUniversal(model, common, { eps, seed: 1, epochs: 20, batch: 4, confidence: 0 });
    for (const v of uap.delta) expect(Math.abs(v)).toBeLessThanOrEqual(eps + 1e-7);
    let analytic = 0;
    for (const it of common) {
      const b = await binary(model, it.space.x0);
      if (b.gap / b.l1 < eps * 0.9) analytic++;
    }
    expect(uap.trainFooled * common.length).toBeGreaterThanOrEqual(analytic);
    const out = await applyUniversal({ objective: model, x0: common[0].space.x0, ...box(64), goal: common[0].goal, geometry }, settings({ universal: uap }));
    expect(out.x[5] - common[0].space.x0[5]).toBeCloseTo(uap.delta[5], 6);
    const up = resamplePerturbation({ delta: Float32Array.from({ length: 4 }, () => 0.02), geometry: { channels: 1, height: 2, width: 2 } }, { channels: 1, height: 5, width: 7 });
    for (const v of up) expect(v).toBeCloseTo(0.02, 7);
  });
});

describe('feature-space attack on an ONNX model', () => {
  it('moves the last feature map toward a guide image\'s and reports the layer read', async () => {
    const model = tinyClassifier(side, 3);
    const obj = await OnnxObjective.create({ model, path: 'tiny.onnx', hash: hashBytes(encodeModel(model)) }, { runner: { cacheDir: null } });
    opened.push(obj);
    const layer = await obj.layer();
    expect(layer.outputShape).toEqual([3, side, side]);
    const guide = Float32Array.from(x0, (_, i) => (i % 3) / 2);
    const target = await layer.predict(guide);
    const dist = async (x: Float32Array) => (await layer.predict(x)).reduce((s, v, i) => s + (v - target[i]) ** 2, 0);
    // Scores that never reach the goal, so the attack runs all its steps on the features alone.
    const blind: Objective = { inputSize: obj.inputSize, outputShape: obj.outputShape, predict: async () => Float32Array.from([5, 0, 0]), evaluate: (x, l) => obj.evaluate(x, l), layer: (n) => obj.layer(n) };
    const out = await feature({ objective: blind, x0, lower: new Float32Array(64), upper: new Float32Array(64).fill(1), goal: { label: 0 } }, settings({ eps: 0.1, steps: 15, guide }));
    expect(out.iterations).toBe(15);
    expect(await dist(out.x)).toBeLessThan(0.7 * (await dist(x0)));
  });
});
