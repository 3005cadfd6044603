import { problemGeometry, type AttackOutcome, type AttackProblem, type AttackSettings, type ImageGeometry } from './attackTypes';
import { projectInPlace } from './projection';
import { QueryOracle } from './queryOracle';
import { Rng } from './rng';

/** Default query budget of SimBA. */
export const SIMBA_QUERIES = 3000;

/** Fraction of each axis's frequencies SimBA-DCT draws from (the paper's low-frequency 1/8). */
const LOW_FREQUENCY = 1 / 8;

/** Seeded Fisher–Yates shuffle of 0…n−1. */
function permutation(n: number, rng: Rng): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/**
 * The order SimBA tries directions in: pixel basis — every (channel, pixel) once, at random; DCT basis —
 * (channel, u, v) frequencies of the lowest 1/8 per axis at random, as Guo et al.'s SimBA-DCT.
 */
export function simbaDirections(g: ImageGeometry, basis: 'pixel' | 'dct', rng: Rng): Int32Array {
  if (basis === 'pixel') return permutation(g.channels * g.height * g.width, rng);
  const fh = Math.max(1, Math.ceil(g.height * LOW_FREQUENCY));
  const fw = Math.max(1, Math.ceil(g.width * LOW_FREQUENCY));
  const order = permutation(g.channels * fh * fw, rng);
  // Encode (c, u, v) as an index on the full c×H×W grid so both bases share one direction type.
  return order.map((k) => {
    const c = Math.floor(k / (fh * fw));
    const u = Math.floor((k % (fh * fw)) / fw);
    const v = k % fw;
    return (c * g.height + u) * g.width + v;
  });
}

/** Orthonormal DCT-II basis image of frequency (u, v) on channel c, as a full c×H×W vector. */
export function dctBasis(index: number, g: ImageGeometry): Float32Array {
  const plane = g.height * g.width;
  const c = Math.floor(index / plane);
  const u = Math.floor((index % plane) / g.width);
  const v = index % g.width;
  const out = new Float32Array(g.channels * plane);
  const au = Math.sqrt((u === 0 ? 1 : 2) / g.height);
  const av = Math.sqrt((v === 0 ? 1 : 2) / g.width);
  const col = Float64Array.from({ length: g.width }, (_, s) => av * Math.cos((Math.PI * (2 * s + 1) * v) / (2 * g.width)));
  for (let r = 0; r < g.height; r++) {
    const rowFactor = au * Math.cos((Math.PI * (2 * r + 1) * u) / (2 * g.height));
    for (let s = 0; s < g.width; s++) out[c * plane + r * g.width + s] = rowFactor * col[s];
  }
  return out;
}

/**
 * SimBA (Guo, Gardner, You, Wilson & Weinberger, ICML 2019): simple black-box attack. For each
 * direction q of an orthonormal basis in random order (pixels, or low-frequency DCT), try x − α·q and
 * x + α·q in one batch of two queries and keep whichever lowers the goal's margin; otherwise move on.
 * Step α = `alpha` along a unit-L2 basis vector (default 0.2, the paper's ε, in normalised units), each
 * point projected onto the eps-ball (`norm`) and the valid box.
 * Budget: `queries` (default 3,000); stops at the first success.
 */
export async function simba(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  const { x0, lower, upper } = problem;
  const { eps, norm } = settings;
  const basis = settings.basis ?? 'dct';
  const g = problemGeometry(problem);
  const oracle = QueryOracle.forProblem(problem, settings, SIMBA_QUERIES, 'SimBA');
  const alpha = settings.alpha ?? 0.2;
  const rng = new Rng(settings.seed);
  const x = Float32Array.from(x0);
  let best = await oracle.one(x);
  let order = simbaDirections(g, basis, rng);
  let k = 0;
  while (!best.success && oracle.left >= 2) {
    if (k === order.length) {
      order = simbaDirections(g, basis, rng);
      k = 0;
    }
    const index = order[k++];
    const q = basis === 'dct' ? dctBasis(index, g) : null;
    const step = (sign: number) => {
      const c = Float32Array.from(x);
      if (q) for (let i = 0; i < c.length; i++) c[i] += sign * alpha * q[i];
      else c[index] += sign * alpha;
      projectInPlace(c, x0, eps, norm, lower, upper);
      return c;
    };
    const candidates = [step(-1), step(1)];
    const scored = await oracle.query(candidates);
    const j = scored[0].margin <= scored[1].margin ? 0 : 1;
    if (scored[j].margin < best.margin) {
      best = scored[j];
      x.set(candidates[j]);
    }
  }
  return { x, logits: best.logits, success: best.success, iterations: oracle.used, queries: oracle.used };
}
