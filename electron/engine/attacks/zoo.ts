import { problemGeometry, type AttackOutcome, type AttackProblem, type AttackSettings, type ImageGeometry } from './attackTypes';
import { projectInPlace } from './projection';
import { QueryOracle, type QueryResult } from './queryOracle';
import { Rng } from './rng';

/** Default query budget of ZOO. */
export const ZOO_QUERIES = 3000;

/** Coordinates estimated per iteration (the paper's batch of 128), ±h each: 256 queries. */
const COORDINATES = 128;
/** Symmetric-difference step in normalised units (the paper's 1e-4 was for float64; float32 models need more). */
const H = 1e-3;

/** Maps a reduced-grid coordinate to the native pixels of its block (nearest-neighbour upsampling). */
export function blockPixels(index: number, grid: number, g: ImageGeometry): Int32Array {
  const gh = Math.min(grid, g.height);
  const gw = Math.min(grid, g.width);
  const c = Math.floor(index / (gh * gw));
  const br = Math.floor((index % (gh * gw)) / gw);
  const bc = index % gw;
  const r0 = Math.floor((br * g.height) / gh);
  const r1 = Math.floor(((br + 1) * g.height) / gh);
  const c0 = Math.floor((bc * g.width) / gw);
  const c1 = Math.floor(((bc + 1) * g.width) / gw);
  const out = new Int32Array((r1 - r0) * (c1 - c0));
  let k = 0;
  for (let r = r0; r < r1; r++) for (let col = c0; col < c1; col++) out[k++] = (c * g.height + r) * g.width + col;
  return out;
}

/**
 * ZOO (Chen, Zhang, Sharma, Yi & Hsieh, AISec 2017): zeroth-order optimisation. Each iteration draws
 * 128 coordinates of a reduced attack space (`grid`×`grid` blocks per channel, default 32: the paper's
 * attack-space dimension reduction, upsampled by nearest neighbour), estimates ∂f/∂δᵢ by symmetric
 * differences (f(x + h·eᵢ) − f(x − h·eᵢ))/2h from 256 candidates scored in batches, and takes a
 * per-coordinate ADAM step (ZOO-ADAM: lr `alpha` default 0.01, β₁ 0.9, β₂ 0.999). f is the paper's
 * loss max(margin, −κ) with κ = `confidence` (default 0); the eps-ball (`norm`) and the valid box take
 * the place of its ‖δ‖² penalty. Budget: `queries` (default 3,000); stops at the first success.
 */
export async function zoo(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  const { x0, lower, upper } = problem;
  const { eps, norm } = settings;
  const g = problemGeometry(problem);
  const grid = settings.grid ?? 32;
  if (!(Number.isInteger(grid) && grid >= 1)) throw new Error(`grid must be a whole number ≥ 1, got ${grid}`);
  const oracle = QueryOracle.forProblem(problem, settings, ZOO_QUERIES, 'ZOO');
  const lr = settings.alpha ?? 0.01;
  const kappa = settings.confidence ?? 0;
  const rng = new Rng(settings.seed);
  const coords = g.channels * Math.min(grid, g.height) * Math.min(grid, g.width);
  const blocks = Array.from({ length: coords }, (_, i) => blockPixels(i, grid, g));
  const m = new Float64Array(coords);
  const v = new Float64Array(coords);
  const t = new Int32Array(coords);
  const loss = (r: QueryResult) => Math.max(r.margin, -kappa);
  const x = Float32Array.from(x0);
  let best = await oracle.one(x);
  while (!best.success && oracle.left >= 2) {
    const n = Math.min(COORDINATES, Math.floor(oracle.left / 2));
    const chosen = Array.from({ length: n }, () => Math.floor(rng.uniform() * coords));
    const grads = new Float64Array(n);
    for (let start = 0; start < n; start += 32) {
      const part = chosen.slice(start, start + 32);
      const candidates = part.flatMap((i) => [-1, 1].map((sign) => {
        const c = Float32Array.from(x);
        for (const p of blocks[i]) c[p] += sign * H;
        return c;
      }));
      const scored = await oracle.query(candidates);
      part.forEach((_, j) => (grads[start + j] = (loss(scored[2 * j + 1]) - loss(scored[2 * j])) / (2 * H)));
    }
    chosen.forEach((i, j) => {
      t[i]++;
      m[i] = 0.9 * m[i] + 0.1 * grads[j];
      v[i] = 0.999 * v[i] + 0.001 * grads[j] * grads[j];
      const step = (lr * (m[i] / (1 - 0.9 ** t[i]))) / (Math.sqrt(v[i] / (1 - 0.999 ** t[i])) + 1e-8);
      for (const p of blocks[i]) x[p] -= step;
    });
    projectInPlace(x, x0, eps, norm, lower, upper);
    if (oracle.left < 1) break;
    best = await oracle.one(x);
  }
  return { x, logits: best.logits, success: best.success, iterations: oracle.used, queries: oracle.used };
}
