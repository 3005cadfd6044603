import { describe, expect, it } from 'vitest';
import { fitPadim, padimHeatmap, preparePadim } from '../../../electron/engine/detect/padim';
import { upsampleBilinear } from '../../../electron/engine/detect/upsampleBilinear';
import { pixelAuroc } from '../../../electron/engine/stats/pixelAuroc';
import { normalSampler } from './gaussianSample';

describe('upsampleBilinear', () => {
  it('matches torch.nn.functional.interpolate(bilinear, align_corners=False) on 2×2 → 4×4', () => {
    const out = upsampleBilinear([1, 2, 3, 4], 2, 2, 4, 4);
    expect(Array.from(out)).toEqual([1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4]);
  });
});

describe('PaDiM (Defard et al. 2020)', () => {
  const C = 6;
  const H = 8;
  const W = 8;
  const normal = normalSampler(7);
  const makeMap = () => {
    const data = new Float32Array(C * H * W);
    for (let c = 0; c < C; c++) {
      for (let p = 0; p < H * W; p++) data[c * H * W + p] = Math.sin(c + p * 0.3) + 0.2 * normal() + (c === 1 ? 0.5 * data[p] : 0);
    }
    return { data, channels: C, height: H, width: W };
  };
  const clean = Array.from({ length: 60 }, makeMap);

  it('puts the heatmap peak inside a localised synthetic anomaly and scores its pixels highly', () => {
    const scorer = preparePadim(fitPadim(clean, { maxChannels: 4 }));
    expect(scorer.model.channels).toHaveLength(4);
    const bad = makeMap();
    // anomaly at feature positions rows 5–6, cols 1–2 → image pixels rows 40–55, cols 8–23 at 8× upsampling
    for (let c = 0; c < C; c++) for (const [y, x] of [[5, 1], [5, 2], [6, 1], [6, 2]]) bad.data[c * H * W + y * W + x] += 1.5;
    const { heatmap, score, distances } = padimHeatmap(scorer, bad, 64, 64);
    let peak = 0;
    for (let i = 1; i < heatmap.length; i++) if (heatmap[i] > heatmap[peak]) peak = i;
    const py = Math.floor(peak / 64);
    const px = peak % 64;
    expect(py).toBeGreaterThanOrEqual(40);
    expect(py).toBeLessThan(56);
    expect(px).toBeGreaterThanOrEqual(8);
    expect(px).toBeLessThan(24);
    expect(score).toBe(Math.max(...distances));
    const mask = Uint8Array.from({ length: 64 * 64 }, (_, i) => {
      const y = Math.floor(i / 64);
      const x = i % 64;
      return y >= 40 && y < 56 && x >= 8 && x < 24 ? 1 : 0;
    });
    expect(pixelAuroc(heatmap, mask)).toBeGreaterThan(0.95);
    // a fresh clean map scores far lower than the anomaly
    expect(padimHeatmap(scorer, makeMap(), 64, 64).score).toBeLessThan(score / 2);
  });

  it('refuses a feature map of another size', () => {
    const scorer = preparePadim(fitPadim(clean.slice(0, 10)));
    expect(() => padimHeatmap(scorer, { data: new Float32Array(C * 4 * 4), channels: C, height: 4, width: 4 }, 32, 32)).toThrow(/expects 8×8 positions/);
  });
});
