import { describe, expect, it } from 'vitest';
import type { AttackProblem, AttackSettings } from '../../../electron/engine/attacks/attackTypes';
import { biasField, biasFieldModel, legendreBasis } from '../../../electron/engine/attacks/biasField';
import { elastic, elasticModel } from '../../../electron/engine/attacks/elastic';
import type { PerturbationModel } from '../../../electron/engine/attacks/parametricAttack';
import { Rng } from '../../../electron/engine/attacks/rng';
import { speckle, speckleModel } from '../../../electron/engine/attacks/speckle';
import { LinearModel } from './analyticModels';

const h = 12;
const w = 10;
const g = { channels: 1, height: h, width: w };
const x0 = Float32Array.from({ length: h * w }, (_, i) => 0.4 + 0.3 * Math.sin((i % w) * 0.6) * Math.cos(Math.floor(i / w) * 0.5));
const settings = (over: Partial<AttackSettings> = {}): AttackSettings => ({ eps: 0, norm: 'linf', steps: 60, seed: 1, ...over });

async function linearProblem(seed: number): Promise<AttackProblem> {
  const model = LinearModel.random(2, h * w, seed);
  const z = await model.predict(x0);
  return { objective: model, x0, lower: new Float32Array(h * w).fill(-10), upper: new Float32Array(h * w).fill(10), goal: { label: z[0] > z[1] ? 0 : 1 }, geometry: g };
}

const close = ({ fd, adjoint }: { fd: number; adjoint: number }, rel: number) => expect(Math.abs(adjoint - fd)).toBeLessThan(rel * Math.abs(fd) + 1e-6);

/** ⟨g, J·v⟩ by central differences against ⟨Jᵀg, v⟩ from the model's adjoint. */
function adjointGap(model: PerturbationModel, theta: Float64Array, seed: number): { fd: number; adjoint: number } {
  const rng = new Rng(seed);
  const gx = Float32Array.from({ length: x0.length }, () => rng.normal());
  const v = Float64Array.from(theta, () => rng.normal());
  const step = 1e-4;
  const at = (s: number) => model.apply(theta.map((t, i) => t + s * v[i])).reduce((acc, val, i) => acc + val * gx[i], 0);
  const fd = (at(step) - at(-step)) / (2 * step);
  const adjoint = model.adjoint(theta, gx).reduce((acc, val, i) => acc + val * v[i], 0);
  return { fd, adjoint };
}

describe('medical-physics attacks with physical budgets', () => {
  it('bias field: the adjoint matches finite differences; the field is a cubic polynomial within the amplitude', async () => {
    const model = biasFieldModel(x0, g, 0.1, 3);
    const theta = Float64Array.from({ length: 10 }, (_, k) => 0.01 * (k - 4));
    close(adjointGap(model, theta, 3), 1e-3);
    expect(legendreBasis(3, h, w)).toHaveLength(10);
    const out = await biasField(await linearProblem(5), settings({ amplitude: 0.9 }));
    const ratio = Array.from(out.x, (v, i) => v / x0[i] - 1);
    expect(Math.max(...ratio.map(Math.abs))).toBeLessThanOrEqual(0.9 + 1e-5);
    // A cubic along each row: fourth differences vanish.
    for (let r = 0; r < h; r++) {
      const row = ratio.slice(r * w, (r + 1) * w);
      for (let c = 0; c + 4 < w; c++) expect(Math.abs(row[c] - 4 * row[c + 1] + 6 * row[c + 2] - 4 * row[c + 3] + row[c + 4])).toBeLessThan(1e-4);
    }
    expect(out.success).toBe(true);
  });

  it('speckle: multiplicative noise with mean n² within the variance budget, the adjoint exact', async () => {
    const model = speckleModel(x0, g, 0.01);
    close(adjointGap(model, Float64Array.from({ length: h * w }, (_, i) => 0.05 * Math.sin(i)), 4), 1e-3);
    const out = await speckle(await linearProblem(6), settings({ variance: 0.04 }));
    const n = Array.from(out.x, (v, i) => v / x0[i] - 1);
    expect(n.reduce((s, v) => s + v * v, 0) / n.length).toBeLessThanOrEqual(0.04 + 1e-6);
    expect(out.success).toBe(true);
  });

  it('elastic: a uniform control field is a pure shift, no pixel moves more than the budget, the adjoint matches', async () => {
    const spacing: [number, number] = [0.5, 0.8];
    const model = elasticModel(x0, g, 2, 4, spacing);
    const shift = new Float64Array(32);
    shift.fill(0.8, 16); // dx = 0.8 mm = exactly one column
    const moved = model.apply(shift);
    for (let r = 0; r < h; r++) for (let c = 0; c + 1 < w; c++) expect(moved[r * w + c]).toBeCloseTo(x0[r * w + c + 1], 5);
    const theta = Float64Array.from({ length: 32 }, (_, k) => 0.3 * Math.sin(k * 1.7));
    close(adjointGap(model, theta, 5), 1e-3);
    const big = Float64Array.from({ length: 32 }, (_, k) => 5 * Math.cos(k));
    model.project(big);
    const { dy, dx } = model.displacement(big);
    for (let p = 0; p < dy.length; p++) expect(Math.hypot(dy[p] * spacing[0], dx[p] * spacing[1])).toBeLessThanOrEqual(2 + 1e-9);
    await expect(elastic(await linearProblem(7), settings())).rejects.toThrow(/pixel spacing/);
    const out = await elastic(await linearProblem(7), settings({ spacingMm: spacing, displacementMm: 3, grid: 4 }));
    expect(out.iterations).toBeGreaterThan(0);
  });
});
