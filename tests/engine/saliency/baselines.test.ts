import { describe, expect, it } from 'vitest';
import { makeBaseline } from '../../../electron/engine/saliency/baselines';
import { randomVector } from './analyticModels';

const shape = [2, 20, 30] as const;
const x = randomVector(2 * 20 * 30, 5);

describe('Integrated Gradients baselines', () => {
  it('black is the bottom of the model input range, not the number 0', () => {
    const b = makeBaseline('black', x, shape, [-2.1, 2.6]);
    expect(b.every((v) => Math.abs(v - -2.1) < 1e-6)).toBe(true);
  });

  it('a constant baseline is the user value; without one it is refused', () => {
    expect(makeBaseline('constant', x, shape, [0, 1], -1024).every((v) => v === -1024)).toBe(true);
    expect(() => makeBaseline('constant', x, shape, [0, 1])).toThrow(/finite value/);
  });

  it('blurred keeps flat images, keeps each channel mean and removes fine detail', () => {
    const flat = new Float32Array(x.length).fill(0.4);
    expect(makeBaseline('blurred', flat, shape, [0, 1]).every((v) => Math.abs(v - 0.4) < 1e-6)).toBe(true);
    const b = makeBaseline('blurred', x, shape, [0, 1]);
    const plane = 600;
    for (let c = 0; c < 2; c++) {
      const mean = (v: Float32Array) => v.subarray(c * plane, (c + 1) * plane).reduce((a, z) => a + z, 0) / plane;
      expect(mean(b)).toBeCloseTo(mean(x), 1);
    }
    const roughness = (v: Float32Array) => v.reduce((a, z, i) => (i % 30 === 0 ? a : a + Math.abs(z - v[i - 1])), 0);
    expect(roughness(b)).toBeLessThan(roughness(x) / 5);
  });
});
