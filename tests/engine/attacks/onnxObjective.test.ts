import { afterAll, describe, expect, it } from 'vitest';
import { storedImageSpace } from '../../../electron/engine/attacks/attackSpace';
import { lossFromLogits } from '../../../electron/engine/attacks/losses';
import type { AttackLoss } from '../../../electron/engine/attacks/objective';
import { OnnxObjective } from '../../../electron/engine/attacks/onnxObjective';
import { runAttack } from '../../../electron/engine/attacks/runAttack';
import { Pipeline } from '../../../electron/engine/imaging/pipeline';
import { encodeModel, hashBytes } from '../../../electron/engine/onnx';
import { tinyClassifier, tinySegmenter } from './tinyModels';

const loaded = (model: ReturnType<typeof tinyClassifier>) => ({ model, path: 'tiny.onnx', hash: hashBytes(encodeModel(model)) });
const opened: OnnxObjective[] = [];
async function open(model: ReturnType<typeof tinyClassifier>, outputKind?: 'probabilities') {
  const o = await OnnxObjective.create(loaded(model), { outputKind, runner: { cacheDir: null } });
  opened.push(o);
  return o;
}
afterAll(async () => {
  for (const o of opened) await o.release();
});

const image = Float32Array.from({ length: 64 }, (_, i) => 0.5 + 0.4 * Math.sin(i * 0.37));

async function checkGradient(obj: OnnxObjective, loss: AttackLoss): Promise<void> {
  const ev = await obj.evaluate(image, loss);
  const logits = await obj.predict(image);
  expect(Array.from(ev.logits)).toEqual(Array.from(logits).map((v) => expect.closeTo(v, 5)));
  expect(ev.loss).toBeCloseTo(lossFromLogits(logits, obj.outputShape, loss).loss, 4);
  const h = 1e-2;
  for (const i of [0, 9, 27, 36, 63]) {
    const p = Float32Array.from(image);
    const m = Float32Array.from(image);
    p[i] += h;
    m[i] -= h;
    const fd = (lossFromLogits(await obj.predict(p), obj.outputShape, loss).loss - lossFromLogits(await obj.predict(m), obj.outputShape, loss).loss) / (2 * h);
    expect(ev.grad[i]).toBeCloseTo(fd, 2);
  }
}

describe('OnnxObjective (gradient compiler + onnxruntime)', () => {
  it('classifier: CE, margin and cotangent gradients match finite differences of the JS losses', async () => {
    const obj = await open(tinyClassifier());
    expect(obj.outputShape).toEqual([3]);
    await checkGradient(obj, { kind: 'ce', label: 1 });
    await checkGradient(obj, { kind: 'margin', label: 2 });
    await checkGradient(obj, { kind: 'logit', index: 0 });
    await checkGradient(obj, { kind: 'cotangent', seed: Float32Array.from([1, -1, 0.5]) });
  });

  it('evaluateBatch (one onnxruntime run) equals one-by-one evaluation', async () => {
    const obj = await open(tinyClassifier());
    const xs = [image, image.map((v) => 1 - v), image.map((v) => v * 0.5)];
    const seeds = [[1, -1, 0], [0, 1, -1], [0.5, 0, 2]].map((s) => ({ kind: 'cotangent' as const, seed: Float32Array.from(s) }));
    for (const losses of [seeds, [0, 1, 2].map((label) => ({ kind: 'margin' as const, label }))]) {
      const batch = await obj.evaluateBatch(xs, losses);
      for (let i = 0; i < 3; i++) {
        const one = await obj.evaluate(xs[i], losses[i]);
        expect(batch[i].loss).toBeCloseTo(one.loss, 5);
        batch[i].grad.forEach((g, j) => expect(g).toBeCloseTo(one.grad[j], 5));
        expect(Array.from(batch[i].logits)).toEqual(Array.from(one.logits).map((v) => expect.closeTo(v, 5)));
      }
    }
  });

  it('a probabilities output is attacked through its log: CE equals the logits model\'s CE', async () => {
    const probs = await open(tinyClassifier(8, 3, true), 'probabilities');
    const logits = await open(tinyClassifier());
    const a = await probs.evaluate(image, { kind: 'ce', label: 0 });
    const b = await logits.evaluate(image, { kind: 'ce', label: 0 });
    expect(a.loss).toBeCloseTo(b.loss, 4);
    for (let i = 0; i < 64; i += 7) expect(a.grad[i]).toBeCloseTo(b.grad[i], 4);
  });

  it('segmenter: per-pixel CE gradient matches finite differences', async () => {
    const obj = await open(tinySegmenter());
    expect(obj.outputShape).toEqual([3, 8, 8]);
    const labels = Int32Array.from({ length: 64 }, (_, i) => i % 3);
    await checkGradient(obj, { kind: 'segCE', labels });
    const dice = await obj.evaluate(image, { kind: 'dice', labels });
    expect(dice.loss).toBeGreaterThan(0);
    expect(dice.loss).toBeLessThan(1);
  });

  it('targeted PGD on a 12-bit image through the pipeline reaches the target and stays in range after quantisation', async () => {
    const obj = await open(tinyClassifier());
    const width = 20;
    const height = 16;
    const stored = Float64Array.from({ length: width * height }, (_, i) => 1000 + Math.round(300 * Math.sin(i * 0.21)));
    const pipeline = new Pipeline({ nativeWidth: width, nativeHeight: height, nativeChannels: 1, inputWidth: 8, inputHeight: 8, inputChannels: 1, mapping: { lo: 600, hi: 1400, outMin: 0, outMax: 1 } });
    const space = storedImageSpace(pipeline, { stored, width, height, channels: 1, format: { bitsStored: 12, pixelRepresentation: 0, rescaleSlope: 1, rescaleIntercept: 0 } });
    const clean = await runAttack(obj, space, { method: 'fgsm', eps: 0, norm: 'linf', steps: 1, seed: 0 });
    expect(clean.before.decision).toBe(2);
    const target = 1; // a dark image is class 1 for this network
    const report = await runAttack(obj, space, { method: 'pgd', eps: 0.8, norm: 'linf', steps: 40, seed: 3, target });
    expect(report.success).toBe(true);
    expect(report.after.decision).toBe(target);
    expect(report.metrics.normalised.linf).toBeLessThanOrEqual(0.8);
    expect(Math.min(...report.stored)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...report.stored)).toBeLessThanOrEqual(4095);
  });
});
