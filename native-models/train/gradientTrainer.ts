/**
 * Training through Aegis's own gradient compiler: the model's initializers become inputs of one
 * compiled ONNX graph that returns, in a single onnxruntime run, the logits, the per-sample
 * cross-entropy and its gradients with respect to every parameter and to the input (the latter
 * drives FGSM adversarial training). No Python, no training build of onnxruntime.
 */
import type { ModelProto } from 'onnx-buf';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { compileGradientModel, NAMES } from '../../electron/engine/autodiff';
import { encodeModel } from '../../electron/engine/onnx';
import type { Weights } from './weights';

/** One forward/backward result for a batch. */
export interface TrainStep {
  /** Mean loss over the batch. */
  loss: number;
  /** ∂(mean loss)/∂parameter, by parameter name. */
  grads: Record<string, Float32Array>;
  /** ∂(mean loss)/∂input, shaped like the batch. */
  inputGrad: Float32Array;
  /** Model output for the batch (logits, or per-pixel logits for segmentation). */
  logits: Float32Array;
}

/** Loss the trainer compiles into the graph. */
export type TrainLoss = 'ce' | 'pixel-ce' | 'dice';

/** A compiled training graph bound to live parameter values. */
export class GradientTrainer {
  private constructor(
    private readonly session: InferenceSession,
    private readonly input: string,
    private readonly output: string,
    /** Current parameter values, updated in place by the optimiser. */
    readonly weights: Weights,
    private readonly sampleShape: number[],
  ) {}

  /**
   * Compiles `model` with `loss` and gradients for the initializers named in `weights` (other
   * initializers stay constants). `sampleShape` is one sample's shape without the batch, e.g. [1, 224, 224].
   */
  static async create(model: ModelProto, weights: Weights, sampleShape: number[], loss: TrainLoss, threads = 2): Promise<GradientTrainer> {
    const compiled = await compileGradientModel(model, { loss, params: [...weights.keys()], inputShape: [1, ...sampleShape] });
    const session = await InferenceSession.create(encodeModel(compiled.model), {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    return new GradientTrainer(session, compiled.info.input, compiled.info.output, weights, sampleShape);
  }

  /**
   * Loss and gradients on a batch of `n` samples. `labels` are class indices per sample, or per
   * output pixel for segmentation losses (n × H × W, with `labelDims` = [H, W]).
   */
  async step(x: Float32Array, n: number, labels: Int32Array, labelDims: readonly number[] = []): Promise<TrainStep> {
    const r = await this.session.run(this.feeds(x, n, labels, labelDims));
    const grads: Record<string, Float32Array> = {};
    for (const name of this.weights.keys()) grads[name] = r[NAMES.grad(name)].data as Float32Array;
    return {
      loss: meanOf(r[NAMES.loss].data as Float32Array),
      grads,
      inputGrad: r[NAMES.grad(this.input)].data as Float32Array,
      logits: r[this.output].data as Float32Array,
    };
  }

  /**
   * Only ∂(mean loss)/∂input (and the loss) for a batch, as {@link step} takes it: onnxruntime runs
   * just the nodes those outputs need, skipping the parameter gradients (an attack's inner loop).
   */
  async inputGradient(x: Float32Array, n: number, labels: Int32Array, labelDims: readonly number[] = []): Promise<{ loss: number; inputGrad: Float32Array }> {
    const grad = NAMES.grad(this.input);
    const r = await this.session.run(this.feeds(x, n, labels, labelDims), [NAMES.loss, grad]);
    return { loss: meanOf(r[NAMES.loss].data as Float32Array), inputGrad: r[grad].data as Float32Array };
  }

  private feeds(x: Float32Array, n: number, labels: Int32Array, labelDims: readonly number[]): Record<string, Tensor> {
    const perSample = this.sampleShape.reduce((a, b) => a * b, 1);
    if (x.length !== n * perSample) throw new Error(`trainer: batch has ${x.length} values, expected ${n}×${this.sampleShape.join('×')}`);
    const labelShape = [n, ...labelDims];
    if (labels.length !== labelShape.reduce((a, b) => a * b, 1)) throw new Error(`trainer: ${labels.length} labels do not fill [${labelShape.join(', ')}]`);
    const feeds: Record<string, Tensor> = {
      [this.input]: new Tensor('float32', x, [n, ...this.sampleShape]),
      [NAMES.label]: new Tensor('int64', BigInt64Array.from(labels, (v) => BigInt(v)), labelShape),
      [NAMES.weight]: new Tensor('float32', new Float32Array(n).fill(1 / n), [n]),
    };
    for (const [name, w] of this.weights) feeds[name] = new Tensor('float32', w.data, w.dims);
    return feeds;
  }

  /** Frees the onnxruntime session. */
  async release(): Promise<void> {
    await this.session.release();
  }
}

const meanOf = (v: Float32Array) => v.reduce((a, b) => a + b, 0) / v.length;
