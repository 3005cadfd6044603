import { describe, expect, it } from 'vitest';
import { AdamW } from '../../native-models/train/adamW';
import { cosineWithWarmup } from '../../native-models/train/learningRate';

describe('AdamW', () => {
  it('matches hand-computed steps (PyTorch AdamW update order)', () => {
    const p = new Float32Array([1]);
    const opt = new AdamW(new Map([['w', p]]), { weightDecay: 0.01 });
    // Worked by hand: step 1 decays 1 → 0.999, then m̂ = 0.5, v̂ = 0.25, so p = 0.999 − 0.1·0.5/0.5.
    const expected = [0.899000002, 0.9347113542385653, 0.9474457089827375];
    [0.5, -1, 0.25].forEach((g, k) => {
      opt.step({ w: [g] }, 0.1);
      expect(p[0]).toBeCloseTo(expected[k], 6);
    });
    expect(opt.steps).toBe(3);
  });

  it('leaves undecayed parameters alone when the gradient is zero, and decays the others', () => {
    const w = new Float32Array([2]);
    const b = new Float32Array([2]);
    const opt = new AdamW(new Map([['w', w], ['b', b]]), { weightDecay: 0.5, decays: (n) => n === 'w' });
    opt.step({ w: [0], b: [0] }, 0.1);
    expect(w[0]).toBeCloseTo(2 * (1 - 0.05), 6);
    expect(b[0]).toBe(2);
  });

  it('minimises a badly scaled quadratic', () => {
    const x = new Float32Array([3, -2]);
    const opt = new AdamW(new Map([['x', x]]));
    for (let t = 0; t < 600; t++) opt.step({ x: [2 * 100 * (x[0] - 1), 2 * 0.01 * (x[1] + 1)] }, cosineWithWarmup(t, { peak: 0.1, warmup: 10, total: 600 }));
    expect(x[0]).toBeCloseTo(1, 2);
    expect(x[1]).toBeCloseTo(-1, 1);
  });

  it('refuses missing, mis-sized and non-finite gradients', () => {
    const opt = new AdamW(new Map([['w', new Float32Array(2)]]));
    expect(() => opt.step({}, 0.1)).toThrow(/no gradient for parameter "w"/);
    expect(() => opt.step({ w: [1] }, 0.1)).toThrow(/has 1 values/);
    expect(() => opt.step({ w: [1, Number.NaN] }, 0.1)).toThrow(/not finite/);
  });
});

describe('cosineWithWarmup', () => {
  it('warms up linearly, peaks, and decays to the floor on the last step', () => {
    const o = { peak: 1e-3, warmup: 4, total: 104, floor: 1e-5 };
    expect(cosineWithWarmup(0, o)).toBeCloseTo(2.5e-4, 12);
    expect(cosineWithWarmup(3, o)).toBeCloseTo(1e-3, 12);
    expect(cosineWithWarmup(53.5, o)).toBeCloseTo((1e-3 + 1e-5) / 2, 12);
    expect(cosineWithWarmup(103, o)).toBeCloseTo(1e-5, 12);
  });
});
