/**
 * Training through the gradient compiler with a loss computed outside the graph: the model is
 * compiled with the `cotangent` seed (a vector–Jacobian product), so one graph serves any loss whose
 * gradient with respect to the model output is known in JS — L1, least-squares GAN terms, or the
 * input gradient of another network (a discriminator) chained into a generator.
 *
 * `forward` runs only the forward nodes (onnxruntime skips what the requested outputs do not need);
 * `backward` returns ∂(Σ output ⊙ cotangent)/∂parameter and ∂/∂input in the same run.
 */
import type { ModelProto } from 'onnx-buf';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { compileGradientModel, NAMES } from '../../electron/engine/autodiff';
import { encodeModel } from '../../electron/engine/onnx';
import type { Weights } from './weights';

/** Gradients of one backward run. */
export interface CotangentGrads {
  /** ∂(Σ output ⊙ cotangent)/∂parameter, by parameter name. */
  grads: Record<string, Float32Array>;
  /** ∂(Σ output ⊙ cotangent)/∂input, shaped like the batch. */
  inputGrad: Float32Array;
}

/** A compiled cotangent graph bound to live parameter values (updated in place by an optimiser). */
export class CotangentTrainer {
  private constructor(
    private readonly session: InferenceSession,
    private readonly input: string,
    private readonly output: string,
    /** Output shape of one sample, without the batch axis. */
    readonly outputSample: number[],
    readonly weights: Weights,
    private readonly sampleShape: number[],
  ) {}

  /** Compiles `model` for the parameters named in `weights`; `sampleShape` is one input sample's shape, e.g. [2, 48, 48]. */
  static async create(model: ModelProto, weights: Weights, sampleShape: number[], threads = 2): Promise<CotangentTrainer> {
    const compiled = await compileGradientModel(model, { loss: 'cotangent', params: [...weights.keys()], inputShape: [1, ...sampleShape] });
    const session = await InferenceSession.create(encodeModel(compiled.model), { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
    return new CotangentTrainer(session, compiled.info.input, compiled.info.output, compiled.info.outputShape.slice(1), weights, sampleShape);
  }

  /** Values per output sample. */
  get outputSize(): number {
    return this.outputSample.reduce((a, b) => a * b, 1);
  }

  /** The model output for a batch of `n` samples (forward nodes only). */
  async forward(x: Float32Array, n: number): Promise<Float32Array> {
    const r = await this.session.run(this.feeds(x, n, new Float32Array(n * this.outputSize)), [this.output]);
    return Float32Array.from(r[this.output].data as Float32Array);
  }

  /** Parameter and input gradients of Σ output ⊙ `cotangent` (shaped like the output) for a batch of `n`. */
  async backward(x: Float32Array, n: number, cotangent: Float32Array): Promise<CotangentGrads> {
    const names = [...this.weights.keys()].map((k) => NAMES.grad(k));
    const inputGrad = NAMES.grad(this.input);
    const r = await this.session.run(this.feeds(x, n, cotangent), [...names, inputGrad]);
    const grads: Record<string, Float32Array> = {};
    for (const name of this.weights.keys()) grads[name] = r[NAMES.grad(name)].data as Float32Array;
    return { grads, inputGrad: r[inputGrad].data as Float32Array };
  }

  private feeds(x: Float32Array, n: number, cotangent: Float32Array): Record<string, Tensor> {
    const perSample = this.sampleShape.reduce((a, b) => a * b, 1);
    if (x.length !== n * perSample) throw new Error(`trainer: batch has ${x.length} values, expected ${n}×${this.sampleShape.join('×')}`);
    if (cotangent.length !== n * this.outputSize) throw new Error(`trainer: cotangent has ${cotangent.length} values, expected ${n}×${this.outputSample.join('×')}`);
    const feeds: Record<string, Tensor> = {
      [this.input]: new Tensor('float32', x, [n, ...this.sampleShape]),
      [NAMES.cotangent]: new Tensor('float32', cotangent, [n, ...this.outputSample]),
      [NAMES.weight]: new Tensor('float32', new Float32Array(n).fill(1), [n]),
    };
    for (const [name, w] of this.weights) feeds[name] = new Tensor('float32', w.data, w.dims);
    return feeds;
  }

  /** Frees the onnxruntime session. */
  async release(): Promise<void> {
    await this.session.release();
  }
}
