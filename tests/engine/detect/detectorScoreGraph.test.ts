import { describe, expect, it } from 'vitest';
import { DetectorAwareObjective, detectorGradient } from '../../../electron/engine/detect/adaptiveObjective';
import type { CalibrationRecord } from '../../../electron/engine/detect/calibrationRecord';
import { FeatureExtractor } from '../../../electron/engine/detect/featureExtractor';
import { fitTiedGaussian, mahalanobisScore, prepareMahalanobis } from '../../../electron/engine/detect/mahalanobis';
import type { Objective } from '../../../electron/engine/attacks/objective';
import { tinyCnn } from './tinyCnn';

const input = (s: number) => Float32Array.from({ length: 256 }, (_, i) => Math.abs(Math.sin(i * 0.37 + s)) * 0.8 + 0.1);

describe('differentiable detector score (adaptive attacks)', async () => {
  const model = tinyCnn();
  const fx = await FeatureExtractor.create(model);
  const clean = await fx.run(Array.from({ length: 24 }, (_, i) => input(i)));
  // two classes (split on the first embedding feature) so the soft minimum over classes is exercised
  const mean0 = clean.pooled.embedding.reduce((s, f) => s + f[0], 0) / 24;
  const labels = clean.pooled.embedding.map((f) => (f[0] > mean0 ? 1 : 0));
  const layers = ['stage1', 'embedding'];
  const fits = layers.map((layer) => ({ layer, model: fitTiedGaussian(clean.pooled[layer], labels) }));
  const record = {
    mahalanobis: fits.map(({ layer, model: m }) => ({ layer, ...m })),
  } as unknown as CalibrationRecord;
  const { gradient, release } = await detectorGradient(model, record, fx.spatialLayers, [1, 16, 16]);

  it('equals the mean over layers of the soft minimum over classes of d²/p, computed in JS', async () => {
    const x = input(99);
    const feats = await fx.run([x]);
    let expected = 0;
    for (const { layer, model: m } of fits) {
      const q = m.means.filter((mu) => mu.length > 0).map((mu) => mahalanobisScore(prepareMahalanobis({ ...m, means: [mu] }), feats.pooled[layer][0]).score / m.dim);
      expected += -Math.log(q.reduce((s, v) => s + Math.exp(-v), 0)) / layers.length;
    }
    const { score } = await gradient(x);
    expect(score).toBeCloseTo(expected, 3);
  });

  it('has the gradient of central finite differences along random directions', async () => {
    // float32 graph and ReLU kinks: a small step, away from kinks on this input (checked to converge)
    const x = input(30);
    const { grad } = await gradient(x);
    for (let k = 0; k < 3; k++) {
      const dir = Float32Array.from({ length: 256 }, (_, i) => Math.sin(i * (k + 2.1)));
      const h = 1e-3;
      const plus = await gradient(x.map((v, i) => v + h * dir[i]));
      const minus = await gradient(x.map((v, i) => v - h * dir[i]));
      const fd = (plus.score - minus.score) / (2 * h);
      const analytic = grad.reduce((s, g, i) => s + g * dir[i], 0);
      expect(Math.abs(fd - analytic)).toBeLessThan(0.03 * Math.abs(analytic) + 0.02);
    }
  });

  it('subtracts λ·S from an ascending attack loss and λ·∇S from its gradient', async () => {
    const base: Objective = {
      inputSize: 256,
      outputShape: [2],
      evaluate: async () => ({ loss: 1, grad: new Float32Array(256).fill(0.5), logits: new Float32Array([0, 1]) }),
      predict: async () => new Float32Array([0, 1]),
    };
    const det = async () => ({ score: 3, grad: new Float32Array(256).fill(2) });
    const up = await new DetectorAwareObjective(base, det, 0.25, true).evaluate(new Float32Array(256), { kind: 'ce', label: 1 });
    expect(up.loss).toBeCloseTo(1 - 0.75, 12);
    expect(up.grad[5]).toBeCloseTo(0.5 - 0.5, 12);
    const down = await new DetectorAwareObjective(base, det, 0.25, false).evaluate(new Float32Array(256), { kind: 'ce', label: 1 });
    expect(down.loss).toBeCloseTo(1.75, 12);
    await release();
    await fx.release();
  });
});
