import { describe, expect, it } from 'vitest';
import { vanillaGradient } from '../../../electron/engine/saliency/vanillaGradient';
import { smoothGrad } from '../../../electron/engine/saliency/smoothGrad';
import { integratedGradients } from '../../../electron/engine/saliency/integratedGradients';
import { gaussLegendre01 } from '../../../electron/engine/saliency/gaussLegendre';
import { occlusion } from '../../../electron/engine/saliency/occlusion';
import { compareForSanity } from '../../../electron/engine/saliency/sanityCheck';
import { randomVector, tanhLinearModel } from './analyticModels';

const shape = { channels: 2, height: 6, width: 5 };
const size = 2 * 6 * 5;
const w0 = randomVector(size, 1);
const w1 = randomVector(size, 2);
const model = tanhLinearModel([w0, w1]);
const x = randomVector(size, 3).map((v) => v * 1.5);

describe('vanilla gradient', () => {
  it('is |∂f/∂x| summed over channels', async () => {
    const map = await vanillaGradient(model, x, shape, 1);
    const plane = 30;
    for (const i of [0, 7, 29]) {
      const g = (j: number) => Math.abs(w1[j] * (1 - Math.tanh(x[j]) ** 2));
      expect(map.data[i]).toBeCloseTo(g(i) + g(plane + i), 5);
    }
  });
});

describe('SmoothGrad', () => {
  it('equals |w| on a linear model whatever the noise, and is reproducible by seed', async () => {
    const linear = {
      sampleSize: size,
      scores: async (_x: Float32Array, n: number) => new Float32Array(n * 2),
      scoreGradients: async (_x: Float32Array, n: number) => ({ scores: new Float32Array(n * 2), grads: new Float32Array(n * size).map((_, i) => w0[i % size]) }),
    };
    const map = await smoothGrad(linear, x, shape, { classIndex: 0, inputRange: [0, 1], samples: 7, batchSize: 3 });
    expect(map.data[4]).toBeCloseTo(Math.abs(w0[4]) + Math.abs(w0[34]), 5);
    const a = await smoothGrad(model, x, shape, { classIndex: 0, inputRange: [0, 1], samples: 10, seed: 5 });
    const b = await smoothGrad(model, x, shape, { classIndex: 0, inputRange: [0, 1], samples: 10, seed: 5 });
    const c = await smoothGrad(model, x, shape, { classIndex: 0, inputRange: [0, 1], samples: 10, seed: 6 });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(a.data)).not.toEqual(Array.from(c.data));
    expect(a.params.sigma).toContain('15 %');
  });
});

describe('Gauss–Legendre on [0, 1]', () => {
  it('integrates polynomials up to degree 2n−1 exactly', () => {
    const { nodes, weights } = gaussLegendre01(4);
    for (let d = 0; d <= 7; d++) {
      let s = 0;
      for (let i = 0; i < 4; i++) s += weights[i] * nodes[i] ** d;
      expect(s).toBeCloseTo(1 / (d + 1), 12);
    }
  });
});

describe('Integrated Gradients', () => {
  it('is exact on a linear model: (x − x′) ⊙ w per value, summed over channels per pixel', async () => {
    // f_k(x) = w_k · x: the gradient is w_k everywhere on the path, so IG needs no quadrature error.
    const dot = (w: Float32Array, v: Float32Array, off: number) => w.reduce((a, wi, i) => a + wi * v[off + i]!, 0);
    const linear = {
      sampleSize: size,
      scores: async (v: Float32Array, n: number) => Float32Array.from({ length: 2 * n }, (_, j) => dot(j % 2 ? w1 : w0, v, Math.floor(j / 2) * size)),
      scoreGradients: async (_v: Float32Array, n: number, k?: number) => ({
        scores: new Float32Array(n * 2),
        grads: Float32Array.from({ length: n * size }, (_, i) => (k === 1 ? w1 : w0)[i % size]!),
      }),
    };
    const baseline = randomVector(size, 9).map((v) => v * 0.2);
    const r = await integratedGradients(linear, x, shape, { classIndex: 1, steps: 7, baseline });
    const plane = shape.height * shape.width;
    for (let p = 0; p < plane; p++) {
      const want = (x[p]! - baseline[p]!) * w1[p]! + (x[plane + p]! - baseline[plane + p]!) * w1[plane + p]!;
      expect(r.data[p]).toBeCloseTo(want, 5);
    }
    expect(r.completeness.relativeGap).toBeLessThan(1e-5);
  });

  it("completeness gap shrinks as steps grow (trapezoid rule)", async () => {
    const gaps: number[] = [];
    for (const steps of [3, 10, 40]) {
      const r = await integratedGradients(model, x, shape, { classIndex: 1, steps, rule: 'trapezoid' });
      gaps.push(r.completeness.gap);
    }
    expect(gaps[1]).toBeLessThan(gaps[0]);
    expect(gaps[2]).toBeLessThan(gaps[1]);
    expect(gaps[2] / gaps[0]).toBeLessThan(0.05);
  });

  it('honours a user baseline', async () => {
    const baseline = new Float32Array(size).fill(0.3);
    const r = await integratedGradients(model, x, shape, { classIndex: 0, steps: 50, baseline });
    const atX = (await model.scores(x, 1))[0];
    const atB = (await model.scores(baseline, 1))[0];
    expect(r.completeness.scoreDifference).toBeCloseTo(atX - atB, 5);
    expect(r.completeness.relativeGap).toBeLessThan(1e-3);
  });
});

describe('occlusion', () => {
  it('puts the attribution on the region the score reads', async () => {
    const region = new Set([2 * 5 + 2, 2 * 5 + 3, 3 * 5 + 2, 3 * 5 + 3]);
    const regionModel = {
      sampleSize: size,
      async scores(batch: Float32Array, n: number) {
        const out = new Float32Array(n);
        for (let s = 0; s < n; s++) for (const i of region) out[s] += batch[s * size + i];
        return out;
      },
      scoreGradients: async () => {
        throw new Error('not differentiable');
      },
    };
    const ones = new Float32Array(size).fill(1);
    const map = await occlusion(regionModel, ones, shape, { classIndex: 0, window: 2, stride: 1 });
    let peak = 0;
    for (let i = 1; i < map.data.length; i++) if (map.data[i] > map.data[peak]) peak = i;
    expect(region.has(peak)).toBe(true);
    expect(map.data[0]).toBe(0);
  });
});

describe('sanity check (Adebayo et al. 2018)', () => {
  it('flags a map that does not change and passes one that does', async () => {
    const big = { channels: 1, height: 16, width: 16 };
    const n = 256;
    const input = randomVector(n, 21);
    const map = await vanillaGradient(tanhLinearModel([randomVector(n, 22)]), input, big, 0);
    const same = compareForSanity(map, map);
    expect(same.passed).toBe(false);
    expect(same.spearmanAbs).toBeCloseTo(1, 10);
    expect(same.ssim).toBeCloseTo(1, 6);
    const other = await vanillaGradient(tanhLinearModel([randomVector(n, 99)]), input, big, 0);
    const r = compareForSanity(map, other);
    expect(Math.abs(r.spearmanAbs)).toBeLessThan(0.5);
    expect(r.ssim).toBeLessThan(0.5);
    expect(r.passed).toBe(true);
  });

  it('counts a randomised map that lost all structure (constant) as changed, not as an error', async () => {
    const big = { channels: 1, height: 16, width: 16 };
    const map = await vanillaGradient(tanhLinearModel([randomVector(256, 22)]), randomVector(256, 21), big, 0);
    const flat = { ...map, data: new Float32Array(256) };
    const r = compareForSanity(map, flat);
    expect(r.spearmanAbs).toBe(0);
    expect(r.passed).toBe(true);
  });
});
