import { describe, expect, it } from 'vitest';
import { lossFromLogits } from '../../../electron/engine/attacks/losses';
import type { AttackLoss } from '../../../electron/engine/attacks/objective';
import { Rng } from '../../../electron/engine/attacks/rng';

describe('lossFromLogits', () => {
  const r = new Rng(7);
  const cls = Float32Array.from({ length: 5 }, () => 2 * r.normal());
  const seg = Float32Array.from({ length: 3 * 2 * 3 }, () => r.normal());
  const labels = Int32Array.from([0, 1, 2, 2, 1, 0]);
  const cases: [string, Float32Array, number[], AttackLoss][] = [
    ['ce', cls, [5], { kind: 'ce', label: 3 }],
    ['margin', cls, [5], { kind: 'margin', label: 1 }],
    ['logit', cls, [5], { kind: 'logit', index: 4 }],
    ['cotangent', cls, [5], { kind: 'cotangent', seed: Float32Array.from([1, -1, 0, 0.5, 2]) }],
    ['segCE', seg, [3, 2, 3], { kind: 'segCE', labels }],
    ['dice', seg, [3, 2, 3], { kind: 'dice', labels }],
  ];
  it.each(cases)('%s: cotangent equals central finite differences', (_, logits, shape, loss) => {
    const { seed } = lossFromLogits(logits, shape, loss);
    const h = 1e-2;
    for (let i = 0; i < logits.length; i++) {
      const p = Float32Array.from(logits);
      const m = Float32Array.from(logits);
      p[i] += h;
      m[i] -= h;
      const fd = (lossFromLogits(p, shape, loss).loss - lossFromLogits(m, shape, loss).loss) / (2 * h);
      expect(seed[i]).toBeCloseTo(fd, 3);
    }
  });

  it('values by hand: CE of uniform logits is log K; margin; perfect Dice is 0', () => {
    expect(lossFromLogits(new Float32Array(4), [4], { kind: 'ce', label: 2 }).loss).toBeCloseTo(Math.log(4), 12);
    expect(lossFromLogits(Float32Array.from([1, 5, 3]), [3], { kind: 'margin', label: 2 }).loss).toBe(-2);
    const sure = Float32Array.from([50, -50, -50, 50]); // 2 classes × 2 pixels: pixel 0 background, pixel 1 foreground
    expect(lossFromLogits(sure, [2, 1, 2], { kind: 'dice', labels: Int32Array.from([0, 1]) }).loss).toBeCloseTo(0, 6);
  });

  it('names the problem for bad labels', () => {
    expect(() => lossFromLogits(cls, [5], { kind: 'ce', label: 5 })).toThrow(/class 5 is out of range: the model has 5 classes/);
    expect(() => lossFromLogits(seg, [3, 2, 3], { kind: 'segCE', labels: new Int32Array(5) })).toThrow(/label map has 5 pixels, the output has 6/);
  });
});
