/** Test helper: compiled gradients against central finite differences of the forward model in onnxruntime. */
import { clone } from '@bufbuild/protobuf';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { ModelProtoSchema, type ModelProto } from 'onnx-buf';
import { expect } from 'vitest';
import { GradientRunner, type GradientOptions, type LossKind, type Seeds } from '../../../electron/engine/autodiff';
import { DataType, makeValueInfo } from '../../../electron/engine/onnx/builder';
import { encodeModel } from '../../../electron/engine/onnx/model';
import { decodeTensor } from '../../../electron/engine/onnx/tensorValues';
import { Rng } from '../../../electron/engine/attacks/rng';

/** Deterministic pseudo-random numbers (mulberry32: the attacks' Rng as a function). */
export function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.uniform();
}

/** `n` values uniform in ±[lo, hi] (kept away from 0 so ReLU-like kinks are not crossed). */
export function awayFromZero(n: number, seed: number, lo = 0.1, hi = 1): Float32Array {
  const r = rng(seed);
  return Float32Array.from({ length: n }, () => (r() < 0.5 ? -1 : 1) * (lo + (hi - lo) * r()));
}

/** `n` distinct values (a shuffled grid with spacing `step`), for max-pooling without near-ties. */
export function distinct(n: number, seed: number, step = 0.05): Float32Array {
  const r = rng(seed);
  const v = Array.from({ length: n }, (_, i) => (i - n / 2) * step);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(r() * (i + 1));
    [v[i], v[j]] = [v[j], v[i]];
  }
  return Float32Array.from(v);
}

interface CheckOptions {
  /** Input values (default awayFromZero). */
  x?: Float32Array;
  /** Initializers whose gradients are checked too. */
  params?: string[];
  /** Finite-difference step. */
  h?: number;
  /** Tolerance: |g − fd| ≤ atol + rtol·|fd|. */
  atol?: number;
  rtol?: number;
  seed?: number;
  extra?: Partial<GradientOptions>;
  /** In-graph loss to check (default 'cotangent' with a random seed). */
  loss?: LossKind;
  seeds?: Seeds;
  /** The weighted loss Σ wᵢ·lossᵢ computed in JS (float64) from the output values and dims. */
  objective?: (y: Float32Array, dims: number[]) => number;
}

/**
 * Compiles `model` (loss 'cotangent' with a random cotangent unless told) and checks the input
 * (and param) gradients against central differences of the objective computed in float64 from
 * ORT outputs, and the in-graph loss value against the same objective. Returns the worst error
 * as a fraction of the tolerance.
 */
export async function checkGradient(model: ModelProto, shape: number[], options: CheckOptions = {}): Promise<number> {
  const seed = options.seed ?? 1;
  const count = shape.reduce((a, b) => a * b, 1);
  const x = options.x ?? awayFromZero(count, seed);
  const kind = options.loss ?? 'cotangent';
  const runner = await GradientRunner.create({ model }, { loss: kind, params: options.params, ...options.extra }, { cacheDir: null, intraOpThreads: 1 });
  const outShape = [shape[0], ...runner.info.outputShape.slice(1)];
  const cot = awayFromZero(outShape.reduce((a, b) => a * b, 1), seed + 1, 0.2, 1);
  const result = await runner.run(x, shape, kind === 'cotangent' ? { cotangent: cot } : options.seeds);
  await runner.release();
  const objective = options.objective ?? ((y: Float32Array) => y.reduce((s, v, i) => s + v * cot[i], 0));

  const fdModel = clone(ModelProtoSchema, model);
  const g = fdModel.graph!;
  const params = new Map<string, { data: Float32Array; dims: number[] }>();
  for (const name of options.params ?? []) {
    const t = g.initializer.find((i) => i.name === name)!;
    params.set(name, { data: Float32Array.from(decodeTensor(t).values), dims: t.dims.map(Number) });
    g.initializer = g.initializer.filter((i) => i.name !== name);
    g.input.push(makeValueInfo(name, DataType.FLOAT, t.dims.map(Number)));
  }
  g.output = [makeValueInfo(runner.info.output, DataType.FLOAT)];
  const session = await InferenceSession.create(encodeModel(fdModel), { executionProviders: ['cpu'], intraOpNumThreads: 1 });
  const loss = async (xv: Float32Array) => {
    const feeds: Record<string, Tensor> = { [runner.info.input]: new Tensor('float32', xv, shape) };
    for (const [n, p] of params) feeds[n] = new Tensor('float32', p.data, p.dims);
    const y = (await session.run(feeds))[runner.info.output];
    return objective(y.data as Float32Array, y.dims.map(Number));
  };
  const weights = options.seeds?.weights ?? Array(shape[0]).fill(1);
  const inGraph = Array.from(result.loss).reduce((s, v, i) => s + v * weights[i], 0);
  const inJs = await loss(x);
  expect(Math.abs(inGraph - inJs), `in-graph loss ${inGraph} vs ${inJs}`).toBeLessThan(1e-4 * (1 + Math.abs(inJs)));
  const h = options.h ?? 2e-3;
  const atol = options.atol ?? 3e-3;
  const rtol = options.rtol ?? 1e-2;
  let worst = 0;
  const compare = async (values: Float32Array, grad: Float32Array, label: string) => {
    expect(grad.length, `${label} gradient length`).toBe(values.length);
    for (let i = 0; i < values.length; i += 1) {
      const keep = values[i];
      values[i] = keep + h;
      const up = await loss(x);
      values[i] = keep - h;
      const down = await loss(x);
      values[i] = keep;
      const fd = (up - down) / (2 * h);
      const err = Math.abs(grad[i] - fd);
      worst = Math.max(worst, err / (atol + rtol * Math.abs(fd)));
      if (err > atol + rtol * Math.abs(fd)) {
        expect.fail(`${label}[${i}]: compiled ${grad[i]} vs finite difference ${fd}`);
      }
    }
  };
  await compare(x, result.grad, 'dL/dx');
  for (const [name, p] of params) await compare(p.data, result.grads[name].data, `dL/d${name}`);
  await session.release();
  return worst;
}
