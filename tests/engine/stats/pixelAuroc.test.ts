import { describe, expect, it } from 'vitest';
import { pixelAuroc } from '../../../electron/engine/stats/pixelAuroc';
import { rocAuc } from '../../../electron/engine/stats/rocAuc';

describe('pixelAuroc', () => {
  const n = 256 * 256;
  const mask = new Uint8Array(n);
  const map = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = i % 256;
    const y = Math.floor(i / 256);
    mask[i] = x > 100 && x < 140 && y > 60 && y < 120 ? 1 : 0;
    map[i] = mask[i] + Math.sin(i * 12.9898) * 0.8; // overlapping, deterministic
  }
  const neg: number[] = [];
  const pos: number[] = [];
  for (let i = 0; i < n; i++) (mask[i] ? pos : neg).push(map[i]);
  const exact = rocAuc(neg, pos);

  it('equals the full AUROC when the map is small enough', () => {
    expect(pixelAuroc(map, mask, { maxPixels: n })).toBe(exact);
  });

  it('sub-samples deterministically and stays close to the full AUROC', () => {
    const a = pixelAuroc(map, mask, { maxPixels: 20_000 });
    const b = pixelAuroc(map, mask, { maxPixels: 20_000 });
    expect(a).toBe(b);
    expect(Math.abs(a - exact)).toBeLessThan(0.02);
    expect(pixelAuroc(map, mask, { maxPixels: 20_000, seed: 7 })).not.toBe(a);
  });

  it('explains a mask without positives', () => {
    expect(() => pixelAuroc([1, 2], [0, 0])).toThrow(/both perturbed and unperturbed/);
    expect(() => pixelAuroc([1, 2], [0])).toThrow(/aligned/);
  });
});
