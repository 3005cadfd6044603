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
