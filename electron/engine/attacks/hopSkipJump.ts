import { problemGeometry, type AttackNorm, type AttackOutcome, type AttackProblem, type AttackSettings, type ImageGeometry } from './attackTypes';
import { clipInPlace, l2Norm } from './projection';
import { QueryOracle, type QueryResult } from './queryOracle';
import { Rng } from './rng';

/** Default query budget of HopSkipJump. */
export const HSJ_QUERIES = 5000;

const distance = (a: Float32Array, b: Float32Array, norm: AttackNorm): number => {
  let m = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    m = Math.max(m, d);
    s += d * d;
  }
  return norm === 'linf' ? m : Math.sqrt(s);
};

/**
 * HopSkipJumpAttack (Chen, Jordan & Wainwright, IEEE S&P 2020): a decision-based attack that sees only
 * whether the goal is reached (no scores). From an adversarial start (`guide`, an image of the wanted
 * class, else random candidates in batches: see startingPoint), it alternates a binary search to the decision boundary along the line to x0 (L2; the
 * L∞ version shrinks an L∞ ball around x0), a Monte-Carlo estimate of the boundary's normal from
 * B_t = 100·√t (≤ 1,000) signs of random perturbations (baseline-subtracted, batched), and a
 * geometric step search ξ_t = ‖x_t − x0‖/√t halved until still adversarial. θ = d^(−3/2) (L2) or d^(−2)
 * (L∞); probe radius δ_t = √d·θ·dist (L2) or d·θ·dist (L∞). A minimum-norm attack: eps does not bound
 * it. The result is pushed `overshoot` (default 0.02) further from x0 when that stays adversarial, so
 * rounding to stored values is less likely to fall back across the boundary. Budget: `queries`
 * (default 5,000).
 */
export async function hopSkipJump(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  const { x0, lower, upper } = problem;
  const norm = settings.norm;
  const oracle = QueryOracle.forProblem(problem, settings, HSJ_QUERIES, 'HopSkipJump');
  const rng = new Rng(settings.seed);
  const d = x0.length;
  const theta = norm === 'l2' ? 1 / (Math.sqrt(d) * d) : 1 / (d * d);
  const clean = await oracle.one(x0);
  if (clean.success) return { x: Float32Array.from(x0), logits: clean.logits, success: true, iterations: oracle.used, queries: oracle.used };

  const adv = await startingPoint(oracle, problem, settings.guide, rng);
  if (!adv) return { x: Float32Array.from(x0), logits: clean.logits, success: false, iterations: oracle.used, queries: oracle.used };
  let boundary = await binarySearch(oracle, x0, adv.x, adv.result, norm, theta);
  for (let t = 1; oracle.left > 0; t++) {
    const dist = distance(boundary.x, x0, norm);
    const delta = t === 1 ? 0.1 : (norm === 'l2' ? Math.sqrt(d) : d) * theta * dist;
    const samples = Math.min(Math.floor(100 * Math.sqrt(t)), 1000, oracle.left - 1);
    if (samples < 2) break;
    const grad = await estimateNormal(oracle, boundary.x, delta, samples, norm, lower, upper, rng);
    const update = norm === 'l2' ? grad : grad.map((v) => Math.sign(v));
    let step = dist / Math.sqrt(t);
    let next: { x: Float32Array; result: QueryResult } | null = null;
    while (oracle.left > 0 && step > 1e-12) {
      const x = boundary.x.map((v, i) => v + step * update[i]);
      clipInPlace(x, lower, upper);
      const r = await oracle.one(x);
      if (r.success) {
        next = { x, result: r };
        break;
      }
      step /= 2;
    }
    if (!next) break;
    boundary = await binarySearch(oracle, x0, next.x, next.result, norm, theta);
  }
  const overshoot = settings.overshoot ?? 0.02;
  if (overshoot > 0 && oracle.left > 0) {
    const x = boundary.x.map((v, i) => x0[i] + (1 + overshoot) * (v - x0[i]));
    clipInPlace(x, lower, upper);
    const r = await oracle.one(x);
    if (r.success) boundary = { x, result: r };
  }
  return { x: boundary.x, logits: boundary.result.logits, success: boundary.result.success, iterations: oracle.used, queries: oracle.used };
}

/** Moving average of radius r along rows then columns of each channel plane (edges clamped). */
function boxBlur(v: Float32Array, g: ImageGeometry, r: number): Float32Array {
  const out = Float32Array.from(v);
  const plane = g.height * g.width;
  const pass = (len: number, count: number, at: (line: number, k: number) => number) => {
    const line = new Float32Array(len);
    for (let l = 0; l < count; l++) {
      for (let k = 0; k < len; k++) line[k] = out[at(l, k)];
      for (let k = 0; k < len; k++) {
        let sum = 0;
        for (let j = -r; j <= r; j++) sum += line[Math.min(len - 1, Math.max(0, k + j))];
        out[at(l, k)] = sum / (2 * r + 1);
      }
    }
  };
  for (let c = 0; c < g.channels; c++) {
    pass(g.width, g.height, (row, k) => c * plane + row * g.width + k);
    pass(g.height, g.width, (col, k) => c * plane + k * g.width + col);
  }
  return out;
}

/**
 * An adversarial starting point: the guide image when given and adversarial (the paper's targeted
 * start, an image of the wanted class); else random candidates, 10 per batch, up to 100 — uniform
 * noise in the box (the paper's start), then the image plus smooth noise of growing scale and
 * strength, which reaches decisions (such as "a lesion is present") that white noise never does.
 */
async function startingPoint(oracle: QueryOracle, problem: AttackProblem, guide: Float32Array | undefined, rng: Rng): Promise<{ x: Float32Array; result: QueryResult } | null> {
  const { x0, lower, upper } = problem;
  if (guide) {
    if (guide.length !== x0.length) throw new Error(`the starting image has ${guide.length} values, the attacked image ${x0.length}`);
    const x = Float32Array.from(guide);
    clipInPlace(x, lower, upper);
    const r = await oracle.one(x);
    if (r.success) return { x, result: r };
  }
  const g = problemGeometry(problem);
  const candidate = (k: number): Float32Array => {
    const noise = new Float32Array(x0.length).map(() => 2 * rng.uniform() - 1);
    if (k < 10) return lower.map((lo, i) => lo + ((noise[i] + 1) / 2) * (upper[i] - lo));
    const radius = [1, 2, 4, 8][k % 4]! * Math.max(1, Math.round(Math.min(g.height, g.width) / 128));
    const smooth = boxBlur(noise, g, radius);
    const peak = smooth.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
    const strength = [0.05, 0.1, 0.2, 0.4][Math.floor(k / 4) % 4]!;
    const x = x0.map((v, i) => v + (strength * smooth[i]) / peak);
    clipInPlace(x, lower, upper);
    return x;
  };
  for (let tried = 0; tried < 100 && oracle.left > 1; ) {
    const n = Math.min(10, oracle.left - 1, 100 - tried);
    const xs = Array.from({ length: n }, (_, j) => candidate(tried + j));
    const rs = await oracle.query(xs);
    tried += n;
    const j = rs.findIndex((r) => r.success);
    if (j >= 0) return { x: xs[j]!, result: rs[j]! };
  }
  return null;
}

/** Projection of `adv` toward x0 at fraction a of the way back (L2: blend; L∞: ball of radius a·dist). */
function towards(x0: Float32Array, adv: Float32Array, a: number, norm: AttackNorm, dist: number): Float32Array {
  if (norm === 'l2') return adv.map((v, i) => (1 - a) * x0[i] + a * v);
  const r = a * dist;
  return adv.map((v, i) => Math.min(x0[i] + r, Math.max(x0[i] - r, v)));
}

/** Bisection on the fraction a ∈ [0, 1] until the gap is below θ; returns the adversarial end. */
async function binarySearch(
  oracle: QueryOracle,
  x0: Float32Array,
  adv: Float32Array,
  result: QueryResult,
  norm: AttackNorm,
  theta: number,
): Promise<{ x: Float32Array; result: QueryResult }> {
  const dist = distance(adv, x0, norm);
  const threshold = norm === 'l2' ? theta : Math.min(theta, dist * theta);
  let low = 0;
  let high = 1;
  let best = { x: adv, result };
  while (high - low > threshold && oracle.left > 1) {
    const mid = (low + high) / 2;
    const x = towards(x0, adv, mid, norm, dist);
    const r = await oracle.one(x);
    if (r.success) {
      high = mid;
      best = { x, result: r };
    } else low = mid;
  }
  return best;
}

/**
 * Baseline-subtracted Monte-Carlo estimate of the boundary normal at x (unit L2 norm), in batches of
 * ≤ 64 candidates per model run. Σ(s_b − s̄)·u_b = Σ s_b·u_b − s̄·Σ u_b, so no direction is kept.
 */
async function estimateNormal(
  oracle: QueryOracle,
  x: Float32Array,
  delta: number,
  samples: number,
  norm: AttackNorm,
  lower: Float32Array,
  upper: Float32Array,
  rng: Rng,
): Promise<Float32Array> {
  const signed = new Float64Array(x.length);
  const plain = new Float64Array(x.length);
  let signSum = 0;
  for (let done = 0; done < samples; ) {
    const n = Math.min(64, samples - done);
    const points: Float32Array[] = [];
    for (let b = 0; b < n; b++) {
      const u = new Float32Array(x.length).map(() => (norm === 'l2' ? rng.normal() : 2 * rng.uniform() - 1));
      const len = l2Norm(u) || 1;
      const p = x.map((v, i) => v + (delta * u[i]) / len);
      clipInPlace(p, lower, upper);
      points.push(p);
    }
    const results = await oracle.query(points);
    results.forEach((r, b) => {
      const sign = r.success ? 1 : -1;
      signSum += sign;
      const p = points[b];
      for (let i = 0; i < x.length; i++) {
        const dir = (p[i] - x[i]) / delta;
        signed[i] += sign * dir;
        plain[i] += dir;
      }
    });
    done += n;
  }
  const mean = signSum / samples;
  const grad = Float32Array.from(signed, (v, i) => (Math.abs(mean) === 1 ? mean * plain[i] : v - mean * plain[i]));
  const n = l2Norm(grad) || 1;
  return grad.map((v) => v / n);
}
