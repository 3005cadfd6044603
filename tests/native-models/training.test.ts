import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { encodeModel, GraphBuilder } from '../../electron/engine/onnx';
import { buildNoduleClassifier, CLASSIFIER_INPUT, EVIDENCE_SIDE, initialClassifierWeights } from '../../native-models/classifier/noduleClassifierGraph';
import { binaryMetrics } from '../../electron/engine/evaluate/scoreClassifier';
import { diceFromLogits } from '../../electron/engine/evaluate/segmenterDice';
import { Rng } from '../../electron/engine/phantoms/random';
import { buildLungUnet, initialSegmenterWeights, SEGMENTER_INPUT } from '../../native-models/segmenter/lungUnetGraph';
import { GradientTrainer } from '../../native-models/train/gradientTrainer';
import { trainModel } from '../../native-models/train/trainModel';
import type { Weights } from '../../native-models/train/weights';

/** A 1-channel side×side image → Conv 3×3 → ReLU → GAP → Gemm: small enough to check by finite differences. */
function tinyNet(side: number) {
  const rng = new Rng(3);
  const w: Weights = new Map([
    ['c.weight', { data: Float32Array.from({ length: 4 * 9 }, () => rng.gauss() * 0.5), dims: [4, 1, 3, 3] }],
    ['c.bias', { data: Float32Array.from({ length: 4 }, () => rng.gauss() * 0.1), dims: [4] }],
    ['fc.weight', { data: Float32Array.from({ length: 8 }, () => rng.gauss()), dims: [2, 4] }],
    ['fc.bias', { data: new Float32Array(2), dims: [2] }],
  ]);
  const build = (ws: Weights) => {
    const b = new GraphBuilder();
    const p = (n: string) => b.init(n, ws.get(n)!.data, ws.get(n)!.dims);
    const x = b.input('image', ['N', 1, side, side]);
    const c = b.op('Relu', [b.op('Conv', [x, p('c.weight'), p('c.bias')], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] })]);
    b.op('Gemm', [b.op('Flatten', [b.op('GlobalAveragePool', [c])], { axis: 1 }), p('fc.weight'), p('fc.bias')], { transB: 1 }, 'logits');
    b.output('logits', ['N', 2]);
    return b.build();
  };
  return { w, build };
}

async function meanCe(bytes: Uint8Array, x: Float32Array, y: Int32Array, side: number): Promise<number> {
  const s = await InferenceSession.create(bytes);
  const z = (await s.run({ image: new Tensor('float32', x, [y.length, 1, side, side]) })).logits.data as Float32Array;
  let t = 0;
  for (let i = 0; i < y.length; i++) {
    const m = Math.max(z[2 * i], z[2 * i + 1]);
    t += m + Math.log(Math.exp(z[2 * i] - m) + Math.exp(z[2 * i + 1] - m)) - z[2 * i + y[i]];
  }
  return t / y.length;
}

describe('GradientTrainer', () => {
  it('returns the mean cross-entropy and parameter gradients that match finite differences', async () => {
    const side = 8;
    const { w, build } = tinyNet(side);
    const rng = new Rng(9);
    const x = Float32Array.from({ length: 3 * side * side }, () => rng.next());
    const y = new Int32Array([0, 1, 1]);
    const trainer = await GradientTrainer.create(build(w), w, [1, side, side], 'ce', 1);
    const r = await trainer.step(x, 3, y);
    await trainer.release();
    expect(r.loss).toBeCloseTo(await meanCe(encodeModel(build(w)), x, y, side), 5);
    for (const [name, idx] of [['c.weight', 4], ['c.bias', 2], ['fc.weight', 5], ['fc.bias', 1]] as const) {
      const p = w.get(name)!.data;
      const h = 1e-3;
      const old = p[idx];
      p[idx] = old + h;
      const up = await meanCe(encodeModel(build(w)), x, y, side);
      p[idx] = old - h;
      const down = await meanCe(encodeModel(build(w)), x, y, side);
      p[idx] = old;
      expect(r.grads[name][idx]).toBeCloseTo((up - down) / (2 * h), 3);
    }
  });

  it('trains a model to separate bright-centre images from dark-centre ones, deterministically', async () => {
    const side = 8;
    const n = 64;
    const rng = new Rng(4);
    const x = new Float32Array(n * side * side);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 2;
      for (let p = 0; p < side * side; p++) {
        const centre = Math.abs((p % side) - 3.5) < 2 && Math.abs(Math.floor(p / side) - 3.5) < 2;
        x[i * side * side + p] = 0.5 + 0.05 * rng.gauss() + (centre ? (y[i] ? 0.4 : -0.4) : 0);
      }
    }
    const run = async () => {
      const { w, build } = tinyNet(side);
      const out = await trainModel(build, w, x, y, side, { seed: 1, steps: 150, batch: 16, peakLr: 0.05, weightDecay: 1e-4, warmup: 5, threads: 1 });
      return { loss: await meanCe(encodeModel(build(out.weights)), x, y, side), first: out.weights.get('fc.weight')!.data[0] };
    };
    const a = await run();
    const b = await run();
    expect(a.loss).toBeLessThan(0.2);
    expect(b.first).toBe(a.first);
  });
});

describe('demo model graphs', () => {
  it('classifier: logits [N,2] = ±(max evidence − t)/2 over the [N,2,28,28] evidence map, well under 5 MB', async () => {
    const w = initialClassifierWeights(1);
    const bytes = encodeModel(buildNoduleClassifier(w, 0.25));
    expect(bytes.length).toBeLessThan(5e6);
    const rng = new Rng(2);
    const x = new Tensor('float32', Float32Array.from({ length: 2 * CLASSIFIER_INPUT ** 2 }, () => rng.next()), [2, 1, CLASSIFIER_INPUT, CLASSIFIER_INPUT]);
    const logits = (await (await InferenceSession.create(bytes)).run({ image: x })).logits;
    const map = (await (await InferenceSession.create(encodeModel(buildNoduleClassifier(w)))).run({ image: x })).nodule_map;
    expect(logits.dims).toEqual([2, 2]);
    expect(map.dims).toEqual([2, 2, EVIDENCE_SIDE, EVIDENCE_SIDE]);
    const cells = EVIDENCE_SIDE ** 2;
    const m = map.data as Float32Array;
    const z = logits.data as Float32Array;
    for (let i = 0; i < 2; i++) {
      let best = -Infinity;
      for (let c = 0; c < cells; c++) best = Math.max(best, m[(2 * i + 1) * cells + c] - m[2 * i * cells + c]);
      expect(z[2 * i + 1]).toBeCloseTo((best - 0.25) / 2, 5);
      expect(z[2 * i]).toBeCloseTo(-(best - 0.25) / 2, 5);
    }
  });

  it('segmenter: [N,1,128,128] → logits [N,2,128,128], well under 5 MB', async () => {
    const bytes = encodeModel(buildLungUnet(initialSegmenterWeights(1)));
    expect(bytes.length).toBeLessThan(5e6);
    const s = await InferenceSession.create(bytes);
    const r = await s.run({ image: new Tensor('float32', new Float32Array(SEGMENTER_INPUT ** 2).fill(0.3), [1, 1, SEGMENTER_INPUT, SEGMENTER_INPUT]) });
    expect(r.logits.dims).toEqual([1, 2, SEGMENTER_INPUT, SEGMENTER_INPUT]);
  });
});

describe('metrics', () => {
  it('binaryMetrics: AUC of the logit difference and argmax accuracy', () => {
    // Scores z1 − z0: negatives −2, 0.5; positives 1, −1 → pairs won: (1>−2, 1>0.5, −1>−2) = 3 of 4.
    const m = binaryMetrics(Float32Array.from([2, 0, 0, 0.5, 0, 1, 1, 0]), [0, 0, 1, 1]);
    expect(m.auc).toBeCloseTo(0.75, 12);
    expect(m.accuracy).toBeCloseTo(0.5, 12);
  });

  it('diceFromLogits: 2|P∩G| / (|P| + |G|)', () => {
    // Prediction lung on pixels 0,1; truth on 1,2,3 → 2·1/(2+3).
    const logits = Float32Array.from([0, 0, 1, 1, /* lung channel */ 1, 1, 0, 0]);
    expect(diceFromLogits(logits, [0, 1, 1, 1])).toBeCloseTo(0.4, 12);
    expect(diceFromLogits(new Float32Array(8), [0, 0, 0, 0])).toBe(1);
  });
});
