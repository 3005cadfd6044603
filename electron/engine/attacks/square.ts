import { problemGeometry, quantisedBudget, type AttackOutcome, type AttackProblem, type AttackSettings, type ImageGeometry } from './attackTypes';
import { clipInPlace, l2Norm } from './projection';
import { QueryOracle, type QueryResult } from './queryOracle';
import { Rng } from './rng';

/** Default query budget of the Square attack. */
export const SQUARE_QUERIES = 3000;

/**
 * Fraction of the image a square covers at query `i` of `budget`: Andriushchenko et al.'s piecewise
 * schedule (p halves at 10, 50, 200, 500, 1000, 2000, 4000, 6000 and 8000 of 10,000 queries), rescaled
 * to the budget as their reference code does.
 */
export function squareFraction(pInit: number, i: number, budget: number): number {
  const it = Math.floor((i / budget) * 10000);
  const cuts = [10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000];
  let p = pInit;
  for (const c of cuts) if (it > c) p /= 2;
  return p;
}

/** Side in pixels of a square covering fraction p of an h×w image (≥ 1, < the shorter side). */
function squareSide(p: number, g: ImageGeometry): number {
  return Math.max(1, Math.min(Math.round(Math.sqrt(p * g.height * g.width)), Math.min(g.height, g.width) - 1 || 1));
}

/**
 * Square Attack (Andriushchenko, Croitoru, Flammarion & Hein, ECCV 2020): a score-based query attack
 * that needs forward passes only. Random search over square windows, accepting a candidate only when
 * the goal's margin (z_y − max_{j≠y} z_j, see {@link goalMargin}) falls. L∞: vertical-stripe start, then
 * each window set to ±eps per channel, so every value of δ stays a vertex of the ball. L2: the paper's
 * two-window update that moves the mass of one window into a new "pseudo-Gaussian" square of opposite
 * halves, keeping ‖δ‖₂ = eps. Square side follows {@link squareFraction} with p_init = alpha (default
 * 0.05 for L∞, 0.1 for L2). Budget: `queries` (default 3,000); stops at the first success. For stored
 * images the L∞ eps is rounded down to whole stored units (`problem.quantum`), so every candidate is
 * exactly what the exported image holds.
 */
export async function square(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  const { x0, lower, upper } = problem;
  const { norm } = settings;
  // L∞ vertices at a whole number of stored units, so rounding to stored values keeps every point.
  const eps = norm === 'linf' ? quantisedBudget(settings.eps, problem.quantum) : settings.eps;
  if (!(eps > 0)) throw new Error(`eps must be > 0 for the Square attack (and at least one stored unit), got ${settings.eps}`);
  const g = problemGeometry(problem);
  const oracle = QueryOracle.forProblem(problem, settings, SQUARE_QUERIES, 'Square');
  const rng = new Rng(settings.seed);
  const pInit = settings.alpha ?? (norm === 'linf' ? 0.05 : 0.1);
  const x = norm === 'linf' ? stripeStart(x0, eps, g, rng) : gaussianGridStart(x0, eps, g, rng);
  clipInPlace(x, lower, upper);
  let best: QueryResult = await oracle.one(x);
  while (!best.success && oracle.left > 0) {
    const s = squareSide(squareFraction(pInit, oracle.used, oracle.budget), g);
    const candidate = norm === 'linf' ? linfCandidate(x, x0, eps, s, g, rng) : l2Candidate(x, x0, eps, s, g, rng);
    clipInPlace(candidate, lower, upper);
    const r = await oracle.one(candidate);
    if (r.margin < best.margin) {
      best = r;
      x.set(candidate);
    }
  }
  return { x, logits: best.logits, success: best.success, iterations: oracle.used, queries: oracle.used };
}

function stripeStart(x0: Float32Array, eps: number, g: ImageGeometry, rng: Rng): Float32Array {
  const x = Float32Array.from(x0);
  for (let c = 0; c < g.channels; c++) {
    for (let col = 0; col < g.width; col++) {
      const d = rng.uniform() < 0.5 ? -eps : eps;
      for (let row = 0; row < g.height; row++) x[(c * g.height + row) * g.width + col] += d;
    }
  }
  return x;
}

function linfCandidate(x: Float32Array, x0: Float32Array, eps: number, s: number, g: ImageGeometry, rng: Rng): Float32Array {
  const r0 = Math.floor(rng.uniform() * (g.height - s + 1));
  const c0 = Math.floor(rng.uniform() * (g.width - s + 1));
  const out = Float32Array.from(x);
  // Redraw until the window changes somewhere (the reference code's loop), at most a few times.
  for (let tries = 0; tries < 10; tries++) {
    let changed = false;
    for (let c = 0; c < g.channels; c++) {
      const d = rng.uniform() < 0.5 ? -eps : eps;
      for (let r = r0; r < r0 + s; r++) {
        for (let col = c0; col < c0 + s; col++) {
          const i = (c * g.height + r) * g.width + col;
          out[i] = x0[i] + d;
          if (Math.abs(out[i] - x[i]) > 1e-7) changed = true;
        }
      }
    }
    if (changed) break;
  }
  return out;
}

/** Square of concentric rectangles weighted 1/(k+1)² (the paper's pseudo-Gaussian), unit L2 norm. */
function rectangles(h: number, w: number): Float64Array {
  const out = new Float64Array(h * w);
  const rc = Math.floor(h / 2);
  const cc = Math.floor(w / 2);
  for (let k = 0; k < Math.max(rc + 1, cc + 1); k++) {
    for (let r = Math.max(0, rc - k); r < Math.min(h, rc - k + 2 * k + 1); r++) {
      for (let c = Math.max(0, cc - k); c < Math.min(w, cc - k + 2 * k + 1); c++) out[r * w + c] += 1 / (k + 1) ** 2;
    }
  }
  const n = l2Norm(out);
  return out.map((v) => v / n);
}

/** The L2 update's window: two pseudo-Gaussian halves of opposite sign, unit norm, transposed at random. */
function metaSquare(s: number, rng: Rng): Float64Array {
  const out = new Float64Array(s * s);
  const top = Math.floor(s / 2);
  if (top > 0) rectangles(top, s).forEach((v, i) => (out[i] = v));
  rectangles(s - top, s).forEach((v, i) => (out[top * s + i] = -v));
  const n = l2Norm(out);
  const t = rng.uniform() < 0.5;
  const res = new Float64Array(s * s);
  for (let r = 0; r < s; r++) for (let c = 0; c < s; c++) res[r * s + c] = out[(t ? c * s + r : r * s + c)] / n;
  return res;
}

function gaussianGridStart(x0: Float32Array, eps: number, g: ImageGeometry, rng: Rng): Float32Array {
  const delta = new Float32Array(x0.length);
  const s = Math.max(1, Math.floor(Math.min(g.height, g.width) / 5));
  const block = rectangles(s, s);
  for (let r0 = 0; r0 + s <= g.height; r0 += s) {
    for (let c0 = 0; c0 + s <= g.width; c0 += s) {
      for (let c = 0; c < g.channels; c++) {
        const sign = rng.uniform() < 0.5 ? -1 : 1;
        for (let r = 0; r < s; r++) for (let q = 0; q < s; q++) delta[(c * g.height + r0 + r) * g.width + c0 + q] = sign * block[r * s + q];
      }
    }
  }
  const n = l2Norm(delta);
  return x0.map((v, i) => v + (n > 0 ? (delta[i] / n) * eps : 0));
}

function l2Candidate(x: Float32Array, x0: Float32Array, eps: number, s: number, g: ImageGeometry, rng: Rng): Float32Array {
  const pick = () => [Math.floor(rng.uniform() * (g.height - s + 1)), Math.floor(rng.uniform() * (g.width - s + 1))];
  const [r1, c1] = pick();
  const [r2, c2] = pick();
  const delta = Float64Array.from(x, (v, i) => v - x0[i]);
  const inW = (r: number, c: number, ra: number, ca: number) => r >= ra && r < ra + s && c >= ca && c < ca + s;
  const total = l2Norm(delta);
  const out = Float32Array.from(x);
  for (let ch = 0; ch < g.channels; ch++) {
    const at = (r: number, c: number) => (ch * g.height + r) * g.width + c;
    let window1 = 0;
    let union = 0;
    for (let r = 0; r < g.height; r++) {
      for (let c = 0; c < g.width; c++) {
        const a = inW(r, c, r1, c1);
        if (a) window1 += delta[at(r, c)] ** 2;
        if (a || inW(r, c, r2, c2)) union += delta[at(r, c)] ** 2;
      }
    }
    window1 = Math.sqrt(window1);
    union = Math.sqrt(union);
    const fresh = metaSquare(s, rng);
    const sign = rng.uniform() < 0.5 ? -1 : 1;
    const next = new Float64Array(s * s);
    for (let r = 0; r < s; r++) for (let c = 0; c < s; c++) next[r * s + c] = sign * fresh[r * s + c] + delta[at(r1 + r, c1 + c)] / (window1 + 1e-10);
    const scale = Math.sqrt(Math.max(eps * eps - total * total, 0) / g.channels + union * union) / (l2Norm(next) || 1);
    for (let r = r2; r < r2 + s; r++) for (let c = c2; c < c2 + s; c++) delta[at(r, c)] = 0;
    for (let r = 0; r < s; r++) for (let c = 0; c < s; c++) delta[at(r1 + r, c1 + c)] = next[r * s + c] * scale;
  }
  const n = l2Norm(delta);
  for (let i = 0; i < out.length; i++) out[i] = x0[i] + (n > 0 ? (delta[i] / n) * eps : 0);
  return out;
}
