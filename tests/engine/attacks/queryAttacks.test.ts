import { describe, expect, it } from 'vitest';
import type { AttackProblem, AttackSettings } from '../../../electron/engine/attacks/attackTypes';
import { hopSkipJump } from '../../../electron/engine/attacks/hopSkipJump';
import { goalMargin, QueryOracle } from '../../../electron/engine/attacks/queryOracle';
import { Rng } from '../../../electron/engine/attacks/rng';
import { dctBasis, simba, simbaDirections } from '../../../electron/engine/attacks/simba';
import { square, squareFraction } from '../../../electron/engine/attacks/square';
import { blockPixels, zoo } from '../../../electron/engine/attacks/zoo';
import { LinearModel } from './analyticModels';

const settings = (over: Partial<AttackSettings> = {}): AttackSettings => ({ eps: 0.03, norm: 'linf', steps: 1, seed: 1, ...over });
const side = 8;
const geometry = { channels: 1, height: side, width: side };
const x0 = Float32Array.from({ length: side * side }, (_, i) => 0.5 + 0.2 * Math.sin(i * 0.7));

/** A binary linear model with its boundary normal w = w_other − w_label and logit gap |z₀ − z₁| at x0. */
async function binary(seed: number) {
  const model = LinearModel.random(2, side * side, seed);
  const z = await model.predict(x0);
  const label = z[0] > z[1] ? 0 : 1;
  const w = model.w[1 - label].map((v, i) => v - model.w[label][i]);
  const l1 = w.reduce((s, v) => s + Math.abs(v), 0);
  const l2 = Math.sqrt(w.reduce((s, v) => s + v * v, 0));
  return { model, label, gap: Math.abs(z[0] - z[1]), l1, l2 };
}

function problem(model: LinearModel, label: number): AttackProblem {
  const n = x0.length;
  return { objective: model, x0, lower: new Float32Array(n).fill(-100), upper: new Float32Array(n).fill(100), goal: { label }, geometry };
}

const delta = (x: Float32Array) => Array.from(x, (v, i) => v - x0[i]);

describe('query attacks (forward passes only) on a binary linear model', () => {
  it('goal margin is the logit gap, negative exactly when the goal holds (binary, targeted, multi-label)', () => {
    const z = Float32Array.from([2, -1, 0.5]);
    expect(goalMargin(z, { label: 0 })).toBeCloseTo(1.5, 6);
    expect(goalMargin(z, { label: 0, target: 2 })).toBeCloseTo(1.5, 6);
    expect(goalMargin(z, { label: 1, multilabel: { index: 1 } })).toBeCloseTo(-1, 6); // decision 0 wanted, z = −1 already there
    expect(goalMargin(z, { label: 1, multilabel: { index: 0 } })).toBeCloseTo(2, 6);
  });

  it('the oracle counts every candidate, refuses to exceed its budget, and reports progress per batch', async () => {
    const { model, label } = await binary(3);
    const seen: number[] = [];
    const oracle = new QueryOracle(model, { label }, 5, { onProgress: (p) => seen.push(p.iteration) });
    await oracle.query([x0, x0, x0]);
    await oracle.one(x0);
    expect(oracle.used).toBe(4);
    expect(seen).toEqual([3, 4]);
    await expect(oracle.query([x0, x0])).rejects.toThrow(/queries asked/);
  });

  it('Square L∞ halves its square at the paper\'s schedule and keeps every value of δ at ±eps (a vertex of the ball)', async () => {
    expect(squareFraction(0.8, 5, 10000)).toBe(0.8);
    expect(squareFraction(0.8, 60, 10000)).toBeCloseTo(0.2, 9);
    expect(squareFraction(0.8, 300, 3000)).toBeCloseTo(0.8 / 2 ** 4, 9); // 300/3000 of 10,000 = 1000: four halvings (the fifth comes after 1000)
    const { model, label, gap, l1 } = await binary(5);
    const margin = gap / l1; // the smallest L∞ budget that can flip a linear model
    const out = await square(problem(model, label), settings({ eps: 1.3 * margin, queries: 3000 }));
    expect(out.success).toBe(true);
    expect(out.queries).toBeLessThanOrEqual(3000);
    for (const d of delta(out.x)) expect(Math.abs(Math.abs(d) - 1.3 * margin)).toBeLessThan(1e-6);
    const below = await square(problem(model, label), settings({ eps: 0.95 * margin, queries: 400 }));
    expect(below.success).toBe(false);
    expect(below.queries).toBe(400);
  });

  it('Square L2 keeps ‖δ‖₂ = eps and flips when eps exceeds the analytic L2 margin', async () => {
    const { model, label, gap, l2 } = await binary(8);
    const out = await square(problem(model, label), settings({ norm: 'l2', eps: 1.5 * (gap / l2), queries: 3000 }));
    expect(out.success).toBe(true);
    const n = Math.sqrt(delta(out.x).reduce((s, v) => s + v * v, 0));
    expect(n).toBeCloseTo(1.5 * (gap / l2), 4);
  });

  it('SimBA-DCT: the basis is orthonormal, low frequencies only, and the margin never rises', async () => {
    const rng = new Rng(1);
    const dirs = simbaDirections(geometry, 'dct', rng);
    expect(dirs.length).toBe(1); // ⌈8/8⌉² frequencies of an 8×8 image: the DC term
    const big = { channels: 1, height: 32, width: 32 };
    const order = simbaDirections(big, 'dct', rng);
    expect(order.length).toBe(16);
    for (const k of order) expect(Math.floor(k / 32) < 4 && k % 32 < 4).toBe(true);
    const a = dctBasis(order[0], big);
    const b = dctBasis(order[1], big);
    const dot = (p: Float32Array, q: Float32Array) => p.reduce((s, v, i) => s + v * q[i], 0);
    expect(dot(a, a)).toBeCloseTo(1, 5);
    expect(dot(a, b)).toBeCloseTo(0, 5);
    const { model, label, gap, l2 } = await binary(11);
    const margins: number[] = [];
    const out = await simba(problem(model, label), settings({ basis: 'pixel', norm: 'l2', eps: 3 * (gap / l2), alpha: 0.5, queries: 2000, onProgress: (p) => margins.push(p.loss) }));
    expect(out.success).toBe(true);
    for (let i = 1; i < margins.length; i++) expect(margins[i]).toBeLessThanOrEqual(margins[i - 1]);
    expect(out.queries! % 2).toBe(1); // the clean point, then pairs x ± α·q in one batch each
  });

  it('HopSkipJump, from decisions alone, closes in on the analytic minimal L2 distance as queries grow', async () => {
    const { model, label, gap, l2 } = await binary(13);
    const problemBox = { ...problem(model, label), lower: new Float32Array(x0.length).fill(-3), upper: new Float32Array(x0.length).fill(4) };
    const ratio = async (queries: number) => {
      const out = await hopSkipJump(problemBox, settings({ norm: 'l2', queries, overshoot: 0 }));
      expect(out.success).toBe(true);
      expect(out.queries).toBeLessThanOrEqual(queries);
      return Math.sqrt(delta(out.x).reduce((s, v) => s + v * v, 0)) / (gap / l2);
    };
    const [r500, r4000] = [await ratio(500), await ratio(4000)];
    expect(r4000).toBeGreaterThanOrEqual(0.999);
    expect(r4000).toBeLessThan(1.25);
    expect(r4000).toBeLessThan(r500 - 0.2); // each round moves closer to the boundary point nearest x0
  });

  it('ZOO: blocks tile the image once; coordinate-wise symmetric differences and ADAM flip within the ball', async () => {
    const big = { channels: 1, height: 10, width: 10 };
    const seen = new Set<number>();
    for (let i = 0; i < 16; i++) for (const p of blockPixels(i, 4, big)) seen.add(p);
    expect(seen.size).toBe(100);
    const { model, label, gap, l1 } = await binary(17);
    const eps = 2 * (gap / l1);
    const out = await zoo(problem(model, label), settings({ eps, grid: side, alpha: eps / 4, queries: 3000 }));
    expect(out.success).toBe(true);
    for (const d of delta(out.x)) expect(Math.abs(d)).toBeLessThanOrEqual(eps + 1e-6);
  });
});
