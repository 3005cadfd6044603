import { describe, expect, it } from 'vitest';
import { tvDenoise } from '../../../electron/engine/defenses/tvDenoise';

const W = 32;
function tv(u: ArrayLike<number>): number {
  let s = 0;
  for (let y = 0; y < W; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const gx = x < W - 1 ? u[i + 1] - u[i] : 0;
      const gy = y < W - 1 ? u[i + W] - u[i] : 0;
      s += Math.hypot(gx, gy);
    }
  }
  return s;
}
const energy = (u: ArrayLike<number>, g: ArrayLike<number>, lambda: number) => {
  let fid = 0;
  for (let i = 0; i < g.length; i++) fid += (u[i] - g[i]) ** 2;
  return fid / (2 * lambda) + tv(u);
};
const g = Float32Array.from({ length: W * W }, (_, i) => {
  const x = i % W;
  const y = Math.floor(i / W);
  return (x > 10 && x < 22 && y > 8 && y < 24 ? 0.7 : 0.2) + 0.05 * Math.sin(i * 12.9898);
});
const img = { data: g, width: W, height: W, channels: 1 };

describe('tvDenoise (Chambolle 2004)', () => {
  it('reduces total variation and the ROF energy', () => {
    const u = tvDenoise(img, { weight: 0.1 }).data;
    expect(tv(u)).toBeLessThan(0.5 * tv(g));
    expect(energy(u, g, 0.1)).toBeLessThan(energy(g, g, 0.1));
  });

  it('converges to the ROF minimiser: more iterations barely change it, and nearby images cost more', () => {
    const lambda = 0.1;
    const u = tvDenoise(img, { weight: lambda }).data;
    const mid = tvDenoise(img, { weight: lambda, maxIterations: 1000, tolerance: 0 }).data;
    const long = tvDenoise(img, { weight: lambda, maxIterations: 3000, tolerance: 0 }).data;
    const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
    expect(maxDiff(mid, long)).toBeLessThan(1e-3);
    expect(maxDiff(u, long)).toBeLessThan(1e-2);
    expect(maxDiff(u, long)).toBeGreaterThan(maxDiff(mid, long));
    const eLong = energy(long, g, lambda);
    expect(energy(u, g, lambda)).toBeLessThan(eLong * 1.005); // defaults: within 0.5 % of the minimum
    for (let k = 1; k <= 4; k++) {
      const dir = Float32Array.from(long, (v, i) => v + 1e-3 * Math.sin(i * k * 1.3));
      expect(energy(dir, g, lambda)).toBeGreaterThan(eLong);
    }
  });

  it('leaves a constant image unchanged and keeps the mean', () => {
    const c = tvDenoise({ data: new Float32Array(W * W).fill(0.4), width: W, height: W, channels: 1 }, { weight: 0.2 }).data;
    for (const v of c) expect(v).toBeCloseTo(0.4, 6);
    const u = tvDenoise(img, { weight: 0.1 }).data;
    const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;
    expect(mean(u)).toBeCloseTo(mean(g), 5);
  });
});
