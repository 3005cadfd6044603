import { describe, expect, it } from 'vitest';
import { ledoitWolf } from '../../../electron/engine/stats/ledoitWolf';

/** Ledoit & Wolf 2004, Lemma 3.2–3.3 written out literally, with ‖A‖² = tr(AAᵀ)/p. */
function referenceLedoitWolf(x: number[][]): { sigma: number[][]; shrinkage: number } {
  const n = x.length;
  const p = x[0].length;
  const mean = Array.from({ length: p }, (_, j) => x.reduce((s, r) => s + r[j], 0) / n);
  const xc = x.map((r) => r.map((v, j) => v - mean[j]));
  const S = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => xc.reduce((s, r) => s + r[i] * r[j], 0) / n));
  const norm2 = (a: number[][]) => a.flat().reduce((s, v) => s + v * v, 0) / p;
  const m = S.reduce((s, r, i) => s + r[i], 0) / p; // ⟨S, I⟩
  const d2 = norm2(S.map((r, i) => r.map((v, j) => v - (i === j ? m : 0))));
  let bBar2 = 0;
  for (const r of xc) bBar2 += norm2(S.map((row, i) => row.map((v, j) => r[i] * r[j] - v)));
  bBar2 /= n * n;
  const b2 = Math.min(bBar2, d2);
  const a2 = d2 - b2;
  const sigma = S.map((r, i) => r.map((v, j) => (b2 / d2) * (i === j ? m : 0) + (a2 / d2) * v));
  return { sigma, shrinkage: b2 / d2 };
}

describe('ledoitWolf', () => {
  it('agrees with the published formula on a small correlated sample', () => {
    const x: number[][] = [];
    for (let k = 0; k < 12; k++) {
      const u = Math.sin(k * 1.7) * 2;
      const v = Math.cos(k * 0.9);
      x.push([u, 0.5 * u + v, -u + 0.3 * Math.sin(k * 5.1), v * 3, 1 + 0.01 * k]);
    }
    const ref = referenceLedoitWolf(x);
    const got = ledoitWolf(x);
    expect(got.shrinkage).toBeGreaterThan(0);
    expect(got.shrinkage).toBeLessThan(1);
    expect(got.shrinkage).toBeCloseTo(ref.shrinkage, 12);
    ref.sigma.flat().forEach((v, k) => expect(got.covariance[k]).toBeCloseTo(v, 12));
  });

  it('keeps the trace (shrinks towards μI with μ = tr S / p)', () => {
    const x = [
      [1, 2, 0],
      [2, 1, 1],
      [0, 0, 3],
      [4, 1, 1],
    ];
    const got = ledoitWolf(x);
    const ref = referenceLedoitWolf(x);
    const tr = (a: ArrayLike<number>) => a[0] + a[4] + a[8];
    expect(tr(got.covariance)).toBeCloseTo(tr(ref.sigma.flat()), 12);
    expect(got.shrinkage).toBeCloseTo(ref.shrinkage, 12);
  });

  it('does not subtract a mean when told the rows are centred', () => {
    const x = [
      [1, 1],
      [3, 2],
      [5, 4],
    ];
    const centred = ledoitWolf(x, { assumeCentered: true });
    expect(Array.from(centred.mean)).toEqual([0, 0]);
    const s00 = (1 + 9 + 25) / 3;
    expect(centred.covariance[0]).not.toBeCloseTo(ledoitWolf(x).covariance[0], 3);
    expect(centred.covariance[0] + centred.covariance[3]).toBeCloseTo(s00 + (1 + 4 + 16) / 3, 12);
  });
});
