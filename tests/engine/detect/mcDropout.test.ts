import { describe, expect, it } from 'vitest';
import { mcDropoutUncertainty } from '../../../electron/engine/detect/mcDropout';

describe('MC-dropout uncertainty (Feinman et al. 2017)', () => {
  it('is the summed per-class variance over passes', async () => {
    const passes = [
      [0.2, 0.8],
      [0.6, 0.4],
      [0.1, 0.9],
      [0.5, 0.5],
    ];
    let t = 0;
    const u = await mcDropoutUncertainty(async () => passes[t++], 4);
    const variance = (v: number[]) => {
      const m = v.reduce((s, x) => s + x, 0) / v.length;
      return v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length;
    };
    expect(u).toBeCloseTo(variance(passes.map((p) => p[0])) + variance(passes.map((p) => p[1])), 12);
  });
  it('is 0 for a deterministic model and checks the output size', async () => {
    expect(await mcDropoutUncertainty(async () => [0.3, 0.7], 5)).toBeCloseTo(0, 14);
    let t = 0;
    await expect(mcDropoutUncertainty(async () => (t++ ? [1] : [0.5, 0.5]), 3)).rejects.toThrow(/pass 1 returned 1 outputs/);
  });
});
