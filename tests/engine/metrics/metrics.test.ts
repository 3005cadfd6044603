import { describe, expect, it } from 'vitest';
import { compareImages } from '../../../electron/engine/metrics/compareImages';
import { perturbationNorms } from '../../../electron/engine/metrics/norms';
import { psnr } from '../../../electron/engine/metrics/psnr';
import { ssim } from '../../../electron/engine/metrics/ssim';

/** The integer test pattern of scripts/ssim-reference.py, rebuilt identically. */
function pattern(h: number, w: number, seed: number, strength: number, scale: number): [number[], number[]] {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      const v = (i * 31 + j * 17 + ((i * j) % 7) + seed * 13) % 256;
      a.push(v * scale);
      b.push(Math.min(255, Math.max(0, v + strength * (((i * 5 + j * 3 + seed) % 11) - 5))) * scale);
    }
  }
  return [a, b];
}

// Printed by /usr/bin/python3 scripts/ssim-reference.py with scikit-image 0.19.3 (numpy 1.24, scipy 1.10).
const REFERENCE = [
  { h: 11, w: 11, seed: 0, strength: 1, scale: 1, mssim: 0.9994072217471729, map00: 0.9974535146375432, mapMid: 0.9994072217471729, psnr: 38.247204407332774 },
  { h: 16, w: 20, seed: 1, strength: 1, scale: 1, mssim: 0.9987014985974465, map00: 0.9960090978087679, mapMid: 0.9986146489538373, psnr: 38.15530163877254 },
  { h: 24, w: 32, seed: 2, strength: 9, scale: 1, mssim: 0.9111403546866242, map00: 0.7903099013367153, mapMid: 0.8750940776052928, psnr: 19.36903881046755 },
  { h: 13, w: 17, seed: 4, strength: 30, scale: 1, mssim: 0.40125062157261077, map00: 0.1924740065694199, mapMid: 0.36335357565567067, psnr: 10.020764681685248 },
  { h: 24, w: 32, seed: 3, strength: 4, scale: 1 / 255, mssim: 0.9807176181352677, map00: 0.9458627187466926, mapMid: 0.9748639944963664, psnr: 26.214918171417494 },
];

describe('SSIM (Wang et al. 2004, as scikit-image gaussian_weights=True, population covariance)', () => {
  it.each(REFERENCE)('matches scikit-image on a $h×$w pattern (strength $strength)', (r) => {
    const [a, b] = pattern(r.h, r.w, r.seed, r.strength, r.scale);
    const out = ssim(a, b, { width: r.w, height: r.h, dataRange: 255 * r.scale });
    expect(out.mssim).toBeCloseTo(r.mssim, 12);
    expect(out.map[0]).toBeCloseTo(r.map00, 12);
    expect(out.map[Math.floor(r.h / 2) * r.w + Math.floor(r.w / 2)]).toBeCloseTo(r.mapMid, 12);
    expect(psnr(a, b, 255 * r.scale)).toBeCloseTo(r.psnr, 10);
  });

  it('equals the luminance term alone for two constant images (hand-computed)', () => {
    // Constant images have zero (co)variance, so SSIM = (2·μx·μy + C1)/(μx² + μy² + C1).
    const a = new Array(12 * 12).fill(100);
    const b = new Array(12 * 12).fill(140);
    const c1 = (0.01 * 255) ** 2;
    const expected = (2 * 100 * 140 + c1) / (100 ** 2 + 140 ** 2 + c1);
    expect(ssim(a, b, { width: 12, height: 12, dataRange: 255 }).mssim).toBeCloseTo(expected, 12);
  });

  it('is 1 for identical images and symmetric in its arguments', () => {
    const [a, b] = pattern(14, 15, 5, 3, 1);
    expect(ssim(a, a, { width: 15, height: 14, dataRange: 255 }).mssim).toBe(1);
    const ab = ssim(a, b, { width: 15, height: 14, dataRange: 255 }).mssim;
    const ba = ssim(b, a, { width: 15, height: 14, dataRange: 255 }).mssim;
    expect(ab).toBeCloseTo(ba, 14);
  });

  it('refuses images smaller than the window, size mismatches and a bad range', () => {
    expect(() => ssim(new Array(100).fill(0), new Array(100).fill(0), { width: 10, height: 10, dataRange: 1 })).toThrow(/smaller than the 11×11/);
    expect(() => ssim([1, 2], [1], { width: 11, height: 11, dataRange: 1 })).toThrow(/must both be 11×11/);
    expect(() => ssim(new Array(121).fill(0), new Array(121).fill(0), { width: 11, height: 11, dataRange: 0 })).toThrow(/data range/);
  });
});

describe('PSNR and norms', () => {
  it('PSNR by hand: one pixel off by 10 in four, range 255', () => {
    // MSE = 100/4 = 25 → 10·log10(65025/25)
    expect(psnr([0, 0, 0, 0], [10, 0, 0, 0], 255)).toBeCloseTo(10 * Math.log10(65025 / 25), 12);
    expect(psnr([1, 2], [1, 2], 1)).toBe(Infinity);
  });

  it('norms in stored and normalised units', () => {
    const n = perturbationNorms([100, 200, 300, 400], [103, 196, 300, 400], 400);
    expect(n.stored).toEqual({ linf: 4, l2: 5, l0: 2 });
    expect(n.normalised).toEqual({ linf: 0.01, l2: 0.0125, l0: 2 });
  });

  it('compareImages bundles them and gives NaN SSIM below the window size', () => {
    const c = compareImages([0, 1, 2, 3], [0, 1, 2, 4], 2, 2, 10);
    expect(c.normalised.linf).toBeCloseTo(0.1, 15);
    expect(Number.isNaN(c.ssim)).toBe(true);
    expect(c.psnr).toBeCloseTo(10 * Math.log10(100 / 0.25), 12);
  });
});
