/**
 * Runs a compiled gradient model in an onnxruntime session: one run returns forward outputs,
 * per-sample losses and gradients. Inputs are checked (shape, NaN, label range) with clear errors.
 */
import { Tensor, type InferenceSession } from 'onnxruntime-node';
import type { ModelProto } from 'onnx-buf';
import type { LoadedModel } from '../onnx/model';
import { encodeModel, hashBytes } from '../onnx/model';
import { createSession, type ExecutionProvider } from '../onnx/session';
import { cacheKey, defaultCacheDir, readCached, writeCached } from './cache';
import { compileGradientModel, type CompiledGradientModel } from './compile';
import { NAMES, type GradientModelInfo, type GradientOptions } from './types';

/** Where and how the runner executes. */
export interface RunnerOptions {
  /** Folder for compiled models; null disables the disk cache. Default {@link defaultCacheDir}. */
  cacheDir?: string | null;
  providers?: ExecutionProvider[];
  intraOpThreads?: number;
}

/** Per-run seeds of the loss. */
export interface Seeds {
  /** Class per sample ([N]) or per pixel ([N, ...spatial], row-major) for ce/margin/logit/pixel-ce/dice. */
  labels?: ArrayLike<number | bigint>;
  /** Per-sample loss weights (default 1; −1 descends, e.g. a targeted attack). */
  weights?: ArrayLike<number>;
  /** Vector–Jacobian seed shaped like the output, for loss 'cotangent'. */
  cotangent?: Float32Array;
}

/** A float tensor returned to JS. */
export interface FloatTensor {
  data: Float32Array;
  dims: number[];
}

/** Result of {@link GradientRunner.run}. */
export interface GradientRunResult {
  /** Forward outputs (model outputs, kept and wrt tensors) by name. */
  outputs: Record<string, FloatTensor>;
  /** Per-sample loss [N]. */
  loss: Float32Array;
  /** Gradient w.r.t. the input, shaped like it. */
  grad: Float32Array;
  /** Gradients of wrt tensors and params by tensor name. */
  grads: Record<string, FloatTensor>;
}

const toFloat = (t: Tensor): FloatTensor => ({
  data: t.data instanceof Float32Array ? t.data : Float32Array.from(t.data as ArrayLike<number>),
  dims: t.dims.map(Number),
});

/** A compiled gradient model bound to an onnxruntime session. */
export class GradientRunner {
  private readonly paramValues: Map<string, { data: Float32Array; dims: number[] }>;

  private constructor(
    private readonly session: InferenceSession,
    readonly compiled: CompiledGradientModel,
    /** Execution provider in use. */
    readonly provider: ExecutionProvider,
  ) {
    this.paramValues = new Map(compiled.paramValues);
  }

  /** What was compiled (names, shapes, chosen output, dynamic batch). */
  get info(): GradientModelInfo {
    return this.compiled.info;
  }

  /** Compiles (or loads from the disk cache) and opens a session. */
  static async create(source: LoadedModel | { model: ModelProto; hash?: string }, options: GradientOptions, runner: RunnerOptions = {}): Promise<GradientRunner> {
    const hash = source.hash ?? hashBytes(encodeModel(source.model));
    const dir = runner.cacheDir === undefined ? defaultCacheDir() : runner.cacheDir;
    const key = cacheKey(hash, options);
    let compiled = dir ? readCached(dir, key) : undefined;
    if (!compiled) {
      compiled = await compileGradientModel(source.model, options);
      if (dir) writeCached(dir, key, compiled);
    }
    const { session, provider } = await createSession(encodeModel(compiled.model), { providers: runner.providers, intraOpThreads: runner.intraOpThreads });
    return new GradientRunner(session, compiled, provider);
  }

  /** Current values of the initializers turned into inputs. */
  params(): Map<string, { data: Float32Array; dims: number[] }> {
    return this.paramValues;
  }

  /** Replaces a parameter's values (same length), e.g. after an optimizer step. */
  setParam(name: string, data: Float32Array): void {
    const p = this.paramValues.get(name);
    if (!p) throw new Error(`"${name}" is not a parameter of this gradient model`);
    if (p.data.length !== data.length) throw new Error(`parameter "${name}" holds ${p.data.length} values, got ${data.length}`);
    this.paramValues.set(name, { data, dims: p.dims });
  }

  private checkInput(x: Float32Array, shape: number[]): void {
    const want = this.info.inputShape;
    const label = `input "${this.info.input}"`;
    const batchOk = this.info.dynamicBatch ? shape[0] >= 1 : shape[0] === want[0];
    if (shape.length !== want.length || !batchOk || shape.slice(1).some((d, i) => d !== want[i + 1])) {
      const expected = [this.info.dynamicBatch ? 'N' : String(want[0]), ...want.slice(1)].join(', ');
      throw new Error(`${label}: shape [${shape.join(', ')}] does not match the model's [${expected}]`);
    }
    const count = shape.reduce((a, b) => a * b, 1);
    if (x.length !== count) throw new Error(`${label}: ${x.length} values do not fill shape [${shape.join(', ')}] (${count})`);
    const bad = x.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new Error(`${label}: value ${x[bad]} at index ${bad}; inputs must be finite numbers`);
  }

  private labelTensor(labels: ArrayLike<number | bigint> | undefined, n: number): Tensor {
    if (!labels) throw new Error(`loss "${this.info.loss}" needs labels`);
    const spatial = this.info.feeds.label?.shape === 'batch-spatial' ? this.info.outputShape.slice(2) : [];
    const dims = [n, ...spatial];
    const count = dims.reduce((a, b) => a * b, 1);
    if (labels.length !== count) throw new Error(`labels: ${labels.length} values, expected ${count} (shape [${dims.join(', ')}])`);
    const classes = this.info.outputShape[1];
    const data = BigInt64Array.from(Array.from(labels, (v) => BigInt(v)));
    const bad = data.findIndex((v) => v < 0n || v >= BigInt(classes));
    if (bad >= 0) throw new Error(`labels: class ${data[bad]} at index ${bad} is outside 0…${classes - 1}`);
    return new Tensor('int64', data, dims);
  }

  /** One forward+backward run on `x` (float32, row-major, shaped `shape`). */
  async run(x: Float32Array, shape: number[], seeds: Seeds = {}): Promise<GradientRunResult> {
    this.checkInput(x, shape);
    const n = shape[0];
    const feeds: Record<string, Tensor> = { [this.info.input]: new Tensor('float32', x, shape) };
    const weights = seeds.weights ? Float32Array.from(seeds.weights) : new Float32Array(n).fill(1);
    if (weights.length !== n) throw new Error(`weights: ${weights.length} values for a batch of ${n}`);
    feeds[NAMES.weight] = new Tensor('float32', weights, [n]);
    if (this.info.feeds.label) feeds[NAMES.label] = this.labelTensor(seeds.labels, n);
    if (this.info.feeds.cotangent) {
      const dims = [n, ...this.info.outputShape.slice(1)];
      const count = dims.reduce((a, b) => a * b, 1);
      if (!seeds.cotangent || seeds.cotangent.length !== count) throw new Error(`cotangent: expected ${count} values shaped [${dims.join(', ')}]`);
      feeds[NAMES.cotangent] = new Tensor('float32', seeds.cotangent, dims);
    }
    for (const [name, p] of this.paramValues) feeds[name] = new Tensor('float32', p.data, p.dims);
    const out = await this.session.run(feeds);
    const outputs: Record<string, FloatTensor> = {};
    for (const name of this.info.forwardOutputs) if (name !== NAMES.loss && out[name]?.type === 'float32') outputs[name] = toFloat(out[name]);
    const grads: Record<string, FloatTensor> = {};
    for (const [tensor, gradName] of Object.entries(this.info.gradients)) if (tensor !== this.info.input) grads[tensor] = toFloat(out[gradName]);
    return {
      outputs,
      loss: toFloat(out[NAMES.loss]).data,
      grad: toFloat(out[NAMES.grad(this.info.input)]).data,
      grads,
    };
  }

  /** Releases the session. */
  async release(): Promise<void> {
    await this.session.release();
  }
}
