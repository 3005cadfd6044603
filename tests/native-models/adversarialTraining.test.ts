import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../electron/engine/onnx';
import { Rng } from '../../electron/engine/phantoms/random';
import { adversarialFineTune } from '../../native-models/train/adversarialFineTune';
import { GradientTrainer } from '../../native-models/train/gradientTrainer';
import type { Weights } from '../../native-models/train/weights';

const SIDE = 8;

/** A miniature of the demo classifier: Conv 3×3 → 2-channel evidence map; image logits ±(max(map₁ − map₀) − t)/2. */
function tinyDetector(seed: number) {
  const rng = new Rng(seed);
  const w: Weights = new Map([
    ['c.weight', { data: Float32Array.from({ length: 2 * 9 }, () => rng.gauss() * 0.3), dims: [2, 1, 3, 3] }],
    ['c.bias', { data: new Float32Array(2), dims: [2] }],
  ]);
  const build = (ws: Weights, threshold?: number) => {
    const b = new GraphBuilder();
    const p = (n: string) => b.init(n, ws.get(n)!.data, ws.get(n)!.dims);
    const x = b.input('image', ['N', 1, SIDE, SIDE]);
    const map = b.op('Conv', [x, p('c.weight'), p('c.bias')], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }, 'map');
    if (threshold === undefined) {
      b.output('map', ['N', 2, SIDE, SIDE]);
      return b.build();
    }
    const ch = (c: number) => b.op('Slice', [map, b.init(`s${c}`, BigInt64Array.of(BigInt(c)), [1]), b.init(`e${c}`, BigInt64Array.of(BigInt(c + 1)), [1]), b.init(`a${c}`, BigInt64Array.of(1n), [1])]);
    const m = b.op('Flatten', [b.op('MaxPool', [b.op('Sub', [ch(1), ch(0)])], { kernel_shape: [SIDE, SIDE] })], { axis: 1 });
    b.op('Gemm', [m, b.init('cw', Float32Array.of(-0.5, 0.5), [2, 1]), b.init('cb', Float32Array.of(threshold / 2, -threshold / 2), [2])], { transB: 1 }, 'logits');
    b.output('logits', ['N', 2]);
    return b.build();
  };
  return { w, build };
}

/** Twins: the same noisy background without (label 0) and with (label 1) a bright 2×2 spot; cell labels mark the spot. */
function spots(pairs: number, seed: number) {
  const rng = new Rng(seed);
  const plane = SIDE * SIDE;
  const x = new Float32Array(2 * pairs * plane);
  const y = new Int32Array(2 * pairs);
  const cells = new Int32Array(2 * pairs * plane);
  for (let k = 0; k < pairs; k++) {
    const cx = rng.int(1, SIDE - 3);
    const cy = rng.int(1, SIDE - 3);
    for (let p = 0; p < plane; p++) x[2 * k * plane + p] = x[(2 * k + 1) * plane + p] = 0.5 + 0.03 * rng.gauss();
    y[2 * k + 1] = 1;
    for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
      const p = (cy + dy) * SIDE + cx + dx;
      x[(2 * k + 1) * plane + p] += 0.5;
      cells[(2 * k + 1) * plane + p] = 1;
    }
  }
  return { x, y, cells };
}

describe('adversarial training', () => {
  it('GradientTrainer.inputGradient returns the same loss and input gradient as a full step', async () => {
    const { w, build } = tinyDetector(1);
    const { x, y } = spots(3, 2);
    const trainer = await GradientTrainer.create(build(w, 0.1), w, [1, SIDE, SIDE], 'ce', 1);
    try {
      const full = await trainer.step(x, 6, y);
      const only = await trainer.inputGradient(x, 6, y);
      expect(only.loss).toBeCloseTo(full.loss, 6);
      expect(Array.from(only.inputGrad)).toEqual(Array.from(full.inputGrad));
      expect(full.inputGrad.some((v) => v !== 0)).toBe(true);
    } finally {
      await trainer.release();
    }
  });

  it('PGD fine-tuning is deterministic and learns the task on attacked batches', async () => {
    const { x, y, cells } = spots(32, 3);
    const run = async () => {
      const { w, build } = tinyDetector(5);
      const out = await adversarialFineTune(
        { image: (ws) => build(ws, 0), map: (ws) => build(ws) },
        w,
        x,
        y,
        cells,
        SIDE,
        { seed: 7, steps: 100, batch: 16, peakLr: 0.03, weightDecay: 0, warmup: 5, eps: 0.05, attackSteps: 3, mapWeight: 0, threads: 1, group: 2 },
      );
      return { curve: out.lossCurve, w: Array.from(out.weights.get('c.weight')!.data) };
    };
    const a = await run();
    const b = await run();
    expect(b.w).toEqual(a.w);
    expect(b.curve).toEqual(a.curve);
    // Mean attacked image-level cross-entropy per 25 steps, from chance (ln 2) down.
    expect(a.curve).toHaveLength(4);
    expect(a.curve[0]).toBeGreaterThan(0.6);
    expect(a.curve[3]).toBeLessThan(0.55);
  });

  it('refuses labels that do not match the images', async () => {
    const { w, build } = tinyDetector(1);
    const { x, y, cells } = spots(2, 2);
    const opts = { seed: 1, steps: 1, batch: 2, peakLr: 0.01, weightDecay: 0, warmup: 1, eps: 0.01, attackSteps: 1, mapWeight: 1 };
    await expect(adversarialFineTune({ image: (ws) => build(ws, 0), map: (ws) => build(ws) }, w, x, y, cells.subarray(1), SIDE, opts)).rejects.toThrow(/do not match/);
  });
});
