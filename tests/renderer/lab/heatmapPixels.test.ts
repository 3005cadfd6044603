import { describe, expect, it } from 'vitest';
import { colormapRgb, divergingRgb, finiteRange, heatmapRgba, perturbationRgba } from '../../../renderer/viewer/heatmapPixels';

describe('colormaps', () => {
  it('jet runs blue → cyan → yellow → red at its published knots', () => {
    expect(colormapRgb('jet', 0)).toEqual([0, 0, 128]);
    expect(colormapRgb('jet', 0.125)).toEqual([0, 0, 255]);
    expect(colormapRgb('jet', 0.375)).toEqual([0, 255, 255]);
    expect(colormapRgb('jet', 0.5)).toEqual([128, 255, 128]);
    expect(colormapRgb('jet', 0.625)).toEqual([255, 255, 0]);
    expect(colormapRgb('jet', 0.875)).toEqual([255, 0, 0]);
    expect(colormapRgb('jet', 1)).toEqual([128, 0, 0]);
  });
  it('hot goes black → red → yellow → white; gray is the identity; inputs are clamped', () => {
    expect(colormapRgb('hot', 0)).toEqual([0, 0, 0]);
    expect(colormapRgb('hot', 1 / 3)).toEqual([255, 0, 0]);
    expect(colormapRgb('hot', 2 / 3)).toEqual([255, 255, 0]);
    expect(colormapRgb('hot', 1)).toEqual([255, 255, 255]);
    expect(colormapRgb('gray', 0.5)).toEqual([128, 128, 128]);
    expect(colormapRgb('gray', 7)).toEqual([255, 255, 255]);
    expect(colormapRgb('gray', Number.NaN)).toEqual([0, 0, 0]);
  });
  it('diverging: −1 blue, 0 white, +1 red, symmetric', () => {
    expect(divergingRgb(-1)).toEqual([0, 0, 255]);
    expect(divergingRgb(0)).toEqual([255, 255, 255]);
    expect(divergingRgb(1)).toEqual([255, 0, 0]);
    expect(divergingRgb(0.5)).toEqual([255, 128, 128]);
    expect(divergingRgb(-0.5)).toEqual([128, 128, 255]);
    expect(divergingRgb(3)).toEqual([255, 0, 0]);
  });
});

describe('heatmapRgba', () => {
  const map = Float32Array.from([0, 1, 2, 3, 4]); // normalised p = 0, .25, .5, .75, 1
  it('is transparent below the threshold and ramps colour and alpha above it', () => {
    const out = heatmapRgba(map, { colormap: 'gray', opacity: 1, threshold: 0.5 });
    const alpha = [3, 7, 11, 15, 19].map((i) => out[i]);
    expect(alpha.slice(0, 2)).toEqual([0, 0]);
    // p = .5 → t = 0: alpha = 255·(0.25); p = .75 → t = .5: 255·0.625; p = 1 → 255.
    expect(alpha.slice(2)).toEqual([64, 159, 255]);
    expect([out[8], out[12], out[16]]).toEqual([0, 128, 255]);
  });
  it('scales alpha by opacity, skips NaN, and draws nothing for a constant map', () => {
    const out = heatmapRgba(Float32Array.from([0, Number.NaN, 2]), { colormap: 'jet', opacity: 0.5, threshold: 0 });
    expect(out[3]).toBe(32);
    expect(out[7]).toBe(0);
    expect(out[11]).toBe(128);
    expect(heatmapRgba(Float32Array.from([3, 3, 3]), { colormap: 'jet', opacity: 1, threshold: 0 }).every((v) => v === 0)).toBe(true);
  });
  it('is min–max normalised: an affine change of the map draws the same picture', () => {
    const style = { colormap: 'jet' as const, opacity: 0.7, threshold: 0.2 };
    const a = heatmapRgba(map, style);
    const b = heatmapRgba(map.map((v) => 10 * v - 3), style);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(finiteRange([Number.NaN, -2, 5, Infinity])).toEqual({ min: -2, max: 5 });
  });
});

describe('perturbationRgba', () => {
  it('saturates at |δ| = dataRange / gain and averages interleaved channels', () => {
    const out = perturbationRgba(Float32Array.from([40, -40, 20, 0]), 1, 2000, 50);
    expect(Array.from(out.slice(0, 4))).toEqual([255, 0, 0, 255]);
    expect(Array.from(out.slice(4, 8))).toEqual([0, 0, 255, 255]);
    expect(Array.from(out.slice(8, 12))).toEqual([255, 128, 128, 255]);
    expect(Array.from(out.slice(12, 16))).toEqual([255, 255, 255, 255]);
    const rgb = perturbationRgba(Float32Array.from([30, 10, 20]), 3, 40, 1);
    expect(Array.from(rgb)).toEqual([255, 128, 128, 255]);
  });
  it('refuses data that does not split into channels, and non-positive range or gain', () => {
    expect(() => perturbationRgba(new Float32Array(4), 3, 1, 1)).toThrow(/3 channels/);
    expect(() => perturbationRgba(new Float32Array(4), 1, 0, 1)).toThrow(/positive/);
  });
});
