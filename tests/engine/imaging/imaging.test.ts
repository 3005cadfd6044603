import { describe, expect, it } from 'vitest';
import { resolveIntensityMapping } from '../../../electron/engine/imaging/intensityMapping';
import { Pipeline, type PipelineConfig } from '../../../electron/engine/imaging/pipeline';
import { resampleMatrix, resizePlane, resizePlaneAdjoint } from '../../../electron/engine/imaging/resampleMatrix';
import { modalityToStored, storedRange, storedToModality } from '../../../electron/engine/imaging/storedFormat';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function row(m: ReturnType<typeof resampleMatrix>, r: number): number[] {
  const out = new Array(m.cols).fill(0);
  for (let k = m.offsets[r]; k < m.offsets[r + 1]; k++) out[m.indices[k]] += m.weights[k];
  return out;
}

describe('resampleMatrix', () => {
  it('halving uses the antialiased triangle [1, 3, 3, 1]/8 (PIL / torch antialias=True)', () => {
    const m = resampleMatrix(8, 4);
    expect(row(m, 1)).toEqual([0, 0.125, 0.375, 0.375, 0.125, 0, 0, 0]);
    // Border row: the taps outside the image are dropped and the rest renormalised.
    expect(row(m, 0).slice(0, 3).map((v) => +v.toFixed(12))).toEqual([+(3 / 7).toFixed(12), +(3 / 7).toFixed(12), +(1 / 7).toFixed(12)]);
  });

  it('doubling is half-pixel bilinear with clamped borders (torch align_corners=False)', () => {
    const m = resampleMatrix(4, 8);
    expect(row(m, 0)).toEqual([1, 0, 0, 0]);
    expect(row(m, 1)).toEqual([0.75, 0.25, 0, 0]);
    expect(row(m, 2)).toEqual([0.25, 0.75, 0, 0]);
    expect(row(m, 7)).toEqual([0, 0, 0, 1]);
  });

  // Printed by /usr/bin/python3 scripts/resize-reference.py: torch 1.13 F.interpolate(bilinear, align_corners=False, antialias=True).
  const TORCH = [
    { h: 7, w: 9, oh: 3, ow: 4, y: [3.404081632653, 4.858885017422, 3.682926829268, 5.338775510204, 5.447058823529, 3.865136298422, 5.61406025825, 6.899159663866, 4.683673469388, 5.005226480836, 5.635888501742, 5.736734693878] },
    { h: 5, w: 4, oh: 11, ow: 7, y: [0.0, 1.071428571429, 2.785714285714, 4.5, 6.214285714286, 7.928571428571, 9.0, 1.272727272727, 1.694805194805, 2.37012987013, 4.045454545455, 5.863636363636, 7.681818181818, 8.818181818182, 4.454545454545, 3.253246753247, 1.331168831169, 2.909090909091, 4.987012987013, 7.064935064935, 8.363636363636, 6.636363636364, 4.525974025974, 1.149350649351, 2.272727272727, 4.077922077922, 6.155844155844, 7.454545454545, 4.818181818182, 4.655844155844, 4.396103896104, 3.636363636364, 3.038961038961, 4.077922077922, 4.727272727273, 3.0, 4.785714285714, 7.642857142857, 5.0, 2.0, 2.0, 2.0, 6.181818181818, 6.344155844156, 6.603896103896, 5.227272727273, 3.655844155844, 2.357142857143, 1.545454545455, 9.363636363636, 7.902597402597, 5.564935064935, 5.454545454545, 5.311688311688, 2.714285714286, 1.090909090909, 8.545454545455, 6.88961038961, 4.24025974026, 4.590909090909, 5.097402597403, 3.694805194805, 2.818181818182, 6.727272727273, 5.233766233766, 2.844155844156, 3.454545454545, 4.415584415584, 4.831168831169, 5.090909090909, 6.0, 4.571428571429, 2.285714285714, 3.0, 4.142857142857, 5.285714285714, 6.0] },
    { h: 13, w: 6, oh: 5, ow: 9, y: [4.166666666667, 3.633333333333, 3.294444444444, 4.072222222222, 5.35, 5.772222222222, 3.127777777778, 2.75, 3.033333333333, 6.212121212121, 5.348484848485, 4.555555555556, 4.838383838384, 3.833333333333, 3.106060606061, 4.5, 5.530303030303, 6.212121212121, 5.542857142857, 5.242857142857, 5.119047619048, 5.82380952381, 5.7, 5.314285714286, 4.971428571429, 5.171428571429, 5.457142857143, 4.454545454545, 5.409090909091, 6.484848484848, 6.969696969697, 5.833333333333, 4.974747474747, 6.570707070707, 5.878787878788, 4.787878787879, 3.566666666667, 3.683333333333, 4.455555555556, 7.077777777778, 5.466666666667, 3.305555555556, 3.727777777778, 3.683333333333, 3.533333333333] },
  ];
  it.each(TORCH)('matches torch on $h×$w → $oh×$ow', ({ h, w, oh, ow, y }) => {
    const x = Float64Array.from({ length: h * w }, (_, k) => {
      const i = Math.floor(k / w);
      const j = k % w;
      return (i * 7 + j * 3 + ((i * j) % 5)) % 11;
    });
    const out = resizePlane(x, resampleMatrix(h, oh), resampleMatrix(w, ow));
    out.forEach((v, k) => expect(v).toBeCloseTo(y[k], 10));
  });

  it('every row sums to 1 and the adjoint passes the dot-product test', () => {
    const r = rng(1);
    for (const [ih, iw, oh, ow] of [[37, 29, 16, 16], [9, 13, 20, 7], [300, 17, 224, 17], [5, 5, 5, 5]]) {
      const ah = resampleMatrix(ih, oh);
      const aw = resampleMatrix(iw, ow);
      for (let i = 0; i < oh; i++) expect(row(ah, i).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      const x = Array.from({ length: ih * iw }, r);
      const g = Array.from({ length: oh * ow }, () => r() - 0.5);
      const lhs = dot(resizePlane(x, ah, aw), g);
      const rhs = dot(x, resizePlaneAdjoint(g, ah, aw));
      expect(Math.abs(lhs - rhs)).toBeLessThan(1e-10 * Math.max(1, Math.abs(lhs)));
    }
  });
});

describe('Pipeline', () => {
  const base = (over: Partial<PipelineConfig> = {}): PipelineConfig => ({
    nativeWidth: 23,
    nativeHeight: 19,
    nativeChannels: 1,
    inputWidth: 8,
    inputHeight: 10,
    inputChannels: 3,
    mean: [0.485, 0.456, 0.406],
    std: [0.229, 0.224, 0.225],
    mapping: { lo: -1000, hi: 1000, outMin: -1024, outMax: 1024 },
    ...over,
  });

  it('backward is the adjoint of forward inside the window (dot-product test)', () => {
    const r = rng(2);
    for (const cfg of [base(), base({ nativeChannels: 3, inputChannels: 1, mean: [0.5], std: [2], inputWidth: 31, inputHeight: 7 })]) {
      const p = new Pipeline(cfg);
      // Inside [0,1] the map is affine, f(u) = L·u + c, so ⟨f(u1) − f(u2), g⟩ = ⟨u1 − u2, Lᵀg⟩.
      const u1 = Float64Array.from({ length: p.nativeSize }, r);
      const u2 = Float64Array.from({ length: p.nativeSize }, r);
      const g = Array.from({ length: p.inputSize }, () => r() - 0.5);
      const f1 = p.forwardNormalised(u1);
      const f2 = p.forwardNormalised(u2);
      const adj = p.backwardNormalised(g);
      const lhs = dot(Array.from(f1, (v, i) => v - f2[i]), g);
      const rhs = dot(u1.map((v, i) => v - u2[i]), adj);
      expect(Math.abs(lhs - rhs)).toBeLessThan(1e-5 * Math.abs(lhs));
    }
  });

  it.each([false, true])('gradient in modality units matches central finite differences (MONOCHROME1 inverted: %s)', (invert) => {
    const r = rng(3);
    const p = new Pipeline(base({ mapping: { lo: -1000, hi: 1000, outMin: -1024, outMax: 1024, invert } }));
    // Modality values in HU, some outside the window [−1000, 1000] (clamped: zero gradient there).
    const v = Array.from({ length: p.nativeSize }, () => -1300 + 2600 * r());
    const w = Array.from({ length: p.inputSize }, () => r() - 0.5);
    const loss = (img: number[]): number => {
      const y = p.forward(img);
      let s = 0;
      for (let i = 0; i < y.length; i++) s += w[i] * y[i] + 1e-4 * y[i] * y[i];
      return s;
    };
    const y = p.forward(v);
    const grad = p.backward(Array.from(y, (yi, i) => w[i] + 2e-4 * yi));
    const h = 0.5; // HU; float32 forward, so a generous step
    let checked = 0;
    for (let i = 0; i < v.length; i += 7) {
      if (Math.abs(v[i]) > 1000 - 2 * h && Math.abs(v[i]) < 1000 + 2 * h) continue;
      const plus = [...v];
      const minus = [...v];
      plus[i] += h;
      minus[i] -= h;
      const fd = (loss(plus) - loss(minus)) / (2 * h);
      expect(grad[i]).toBeCloseTo(fd, 3);
      if (Math.abs(v[i]) > 1000) expect(Math.abs(grad[i])).toBe(0);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('maps the window onto the model range and refuses bad configuration', () => {
    const p = new Pipeline(base({ nativeWidth: 2, nativeHeight: 1, inputWidth: 2, inputHeight: 1, inputChannels: 1, mean: undefined, std: undefined }));
    expect(Array.from(p.forward([-1000, 2000]))).toEqual([-1024, 1024]);
    const inv = new Pipeline({ ...p.config, mapping: { ...p.config.mapping, invert: true } });
    expect(Array.from(inv.forward([-1000, 2000]))).toEqual([1024, -1024]);
    expect(Array.from(inv.fromNormalised(inv.toNormalised([-250, 600])))).toEqual([-250, 600]);
    expect(() => p.forward([1, 2, 3])).toThrow(/has 3 values, expected 1×1×2/);
    expect(() => new Pipeline(base({ mean: [0, 1] }))).toThrow(/1 or 3 mean and std values/);
    expect(() => p.forward([NaN, 0])).toThrow(/NaN/);
  });
});

describe('intensity mapping and stored format', () => {
  it('resolves windows and min–max', () => {
    expect(resolveIntensityMapping({ kind: 'window', center: 40, width: 400 }, [])).toEqual({ lo: -160, hi: 240, outMin: 0, outMax: 1 });
    expect(resolveIntensityMapping({ kind: 'minmax' }, [5, -3, 9], [-1024, 1024])).toEqual({ lo: -3, hi: 9, outMin: -1024, outMax: 1024 });
    expect(() => resolveIntensityMapping({ kind: 'minmax' }, [4, 4])).toThrow(/flat image/);
    expect(() => resolveIntensityMapping({ kind: 'window', center: 0, width: 0 }, [])).toThrow(/width must be positive/);
  });

  it('stored ranges follow Bits Stored and Pixel Representation', () => {
    expect(storedRange({ bitsStored: 12, pixelRepresentation: 0, rescaleSlope: 1, rescaleIntercept: 0 })).toEqual([0, 4095]);
    expect(storedRange({ bitsStored: 16, pixelRepresentation: 1, rescaleSlope: 1, rescaleIntercept: 0 })).toEqual([-32768, 32767]);
    expect(storedRange({ bitsStored: 8, pixelRepresentation: 0, rescaleSlope: 1, rescaleIntercept: 0 })).toEqual([0, 255]);
  });

  it('quantises modality values to the nearest valid stored integer, clamped', () => {
    const ct = { bitsStored: 12, pixelRepresentation: 0 as const, rescaleSlope: 1, rescaleIntercept: -1024 };
    expect(Array.from(modalityToStored([-1024, -1023.4, 0.6, 5000, -3000], ct))).toEqual([0, 1, 1025, 4095, 0]);
    const signed = { bitsStored: 10, pixelRepresentation: 1 as const, rescaleSlope: 0.5, rescaleIntercept: 0 };
    expect(Array.from(modalityToStored([1000, -1000, 1.2], signed))).toEqual([511, -512, 2]);
    expect(Array.from(storedToModality([0, 4095], ct))).toEqual([-1024, 3071]);
  });
});
