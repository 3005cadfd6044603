import { cholesky, choleskySolve } from './cholesky';

/** A fitted binary logistic regression; plain data, serialisable to JSON. */
export interface LogisticModel {
  /** Per-feature means used for standardisation (feature units). */
  featureMeans: number[];
  /** Per-feature standard deviations used for standardisation (1 where a feature is constant). */
  featureScales: number[];
  /** Coefficients on the standardised features (log-odds per standard deviation). */
  weights: number[];
  /** Intercept on the standardised scale (log-odds). */
  intercept: number;
  /** The L2 penalty λ the model was fitted with. */
  l2: number;
}

/** Options for {@link fitLogisticRegression}. */
export interface LogisticOptions {
  /** L2 penalty λ on the standardised weights (objective: NLL + λ/2‖w‖²; intercept unpenalised). Default 1e-3. */
  l2?: number;
  /** Maximum Newton iterations. Default 100. */
  maxIterations?: number;
  /** Stop when the largest Newton step falls below this. Default 1e-10. */
  tolerance?: number;
}

/**
 * Binary logistic regression with L2 penalty, fitted by Newton's method (IRLS) with step halving on
 * the penalised negative log-likelihood. Features are standardised (mean 0, sd 1) first, so the
 * penalty treats them alike and the Hessian is well conditioned.
 *
 * @param rows n samples × d features (any units)
 * @param labels n labels, 0 or 1 (1 = positive, e.g. adversarial)
 */
export function fitLogisticRegression(rows: ArrayLike<number>[], labels: ArrayLike<number>, options: LogisticOptions = {}): LogisticModel {
  const n = rows.length;
  if (n === 0 || labels.length !== n) {
    throw new Error(`Logistic regression needs one label per sample (got ${n} samples, ${labels.length} labels).`);
  }
  const d = rows[0].length;
  const l2 = options.l2 ?? 1e-3;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) throw new Error(`Logistic regression: label #${i} is ${labels[i]}; labels must be 0 or 1.`);
    if (rows[i].length !== d) throw new Error(`Logistic regression: sample #${i} has ${rows[i].length} features, expected ${d}.`);
    positives += labels[i];
  }
  if (positives === 0 || positives === n) throw new Error('Logistic regression needs both classes (0 and 1) among the labels.');

  const means = new Array<number>(d).fill(0);
  const scales = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) means[j] += r[j] / n;
  for (const r of rows) for (let j = 0; j < d; j++) scales[j] += (r[j] - means[j]) ** 2 / n;
  for (let j = 0; j < d; j++) scales[j] = scales[j] > 0 ? Math.sqrt(scales[j]) : 1;
  const q = d + 1; // intercept first
  const z = rows.map((r) => {
    const v = new Float64Array(q);
    v[0] = 1;
    for (let j = 0; j < d; j++) v[j + 1] = (r[j] - means[j]) / scales[j];
    return v;
  });

  const objective = (beta: Float64Array): number => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const eta = dot(beta, z[i]);
      // log(1 + e^η) − yη, computed stably
      f += (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))) - labels[i] * eta;
    }
    for (let j = 1; j < q; j++) f += 0.5 * l2 * beta[j] * beta[j];
    return f;
  };

  let beta = new Float64Array(q);
  let f = objective(beta);
  for (let iter = 0; iter < maxIterations; iter++) {
    const g = new Float64Array(q);
    const h = new Float64Array(q * q);
    for (let i = 0; i < n; i++) {
      const p = sigmoid(dot(beta, z[i]));
      const w = Math.max(p * (1 - p), 1e-12);
      const zi = z[i];
      for (let a = 0; a < q; a++) {
        g[a] += (p - labels[i]) * zi[a];
        for (let b = 0; b <= a; b++) h[a * q + b] += w * zi[a] * zi[b];
      }
    }
    for (let a = 1; a < q; a++) {
      g[a] += l2 * beta[a];
      h[a * q + a] += l2;
    }
    for (let a = 0; a < q; a++) for (let b = 0; b < a; b++) h[b * q + a] = h[a * q + b];
    const step = choleskySolve(cholesky(h, q, 'logistic-regression Hessian'), q, g);
    let t = 1;
    let next = beta;
    let fNext = f;
    for (let halvings = 0; halvings < 40; halvings++) {
      next = beta.map((b, k) => b - t * step[k]);
      fNext = objective(next);
      if (fNext <= f + 1e-12 * Math.abs(f)) break;
      t /= 2;
    }
    const maxStep = Math.max(...Array.from(step, (s) => Math.abs(t * s)));
    beta = next;
    f = fNext;
    if (maxStep < tolerance) break;
  }
  return { featureMeans: means, featureScales: scales, weights: Array.from(beta.subarray(1)), intercept: beta[0], l2 };
}

/** Log-odds (logit) of the positive class for one sample of raw (unstandardised) features. */
export function logisticLogit(model: LogisticModel, x: ArrayLike<number>): number {
  if (x.length !== model.weights.length) {
    throw new Error(`Logistic model expects ${model.weights.length} features, got ${x.length}.`);
  }
  let eta = model.intercept;
  for (let j = 0; j < x.length; j++) eta += (model.weights[j] * (x[j] - model.featureMeans[j])) / model.featureScales[j];
  return eta;
}

/** Probability in [0, 1] of the positive class for one sample of raw features. */
export function logisticProbability(model: LogisticModel, x: ArrayLike<number>): number {
  return sigmoid(logisticLogit(model, x));
}

function sigmoid(t: number): number {
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
