/**
 * The engine's attack {@link Objective} for a classifier file, in model-input space: one compiled
 * gradient model (in-graph cross-entropy, batch 1) serves every PGD step with one onnxruntime run.
 */
import type { ModelProto } from 'onnx-buf';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { compileGradientModel } from '../../electron/engine/autodiff/compile';
import { NAMES } from '../../electron/engine/autodiff/types';
import type { AttackLoss, Evaluation, Objective } from '../../electron/engine/attacks/objective';
import { encodeModel } from '../../electron/engine/onnx';

/** An Objective over a two-dimensional-output classifier taking [1, ...sampleShape]. */
export class ClassifierObjective implements Objective {
  readonly inputSize: number;
  readonly outputShape: readonly number[];

  private constructor(
    private readonly session: InferenceSession,
    private readonly input: string,
    private readonly output: string,
    private readonly sampleShape: number[],
    classes: number,
  ) {
    this.inputSize = sampleShape.reduce((a, b) => a * b, 1);
    this.outputShape = [classes];
  }

  /** Compiles the gradient model of `model` for inputs [1, ...sampleShape] with `classes` logits. */
  static async create(model: ModelProto, sampleShape: number[], classes: number, threads = 1): Promise<ClassifierObjective> {
    const compiled = await compileGradientModel(model, { loss: 'ce', inputShape: [1, ...sampleShape] });
    const session = await InferenceSession.create(encodeModel(compiled.model), { intraOpNumThreads: threads, interOpNumThreads: 1 });
    return new ClassifierObjective(session, compiled.info.input, compiled.info.output, sampleShape, classes);
  }

  /** CE loss against `loss.label`, its input gradient and the logits; other losses are refused. */
  async evaluate(x: Float32Array, loss: AttackLoss): Promise<Evaluation> {
    if (loss.kind !== 'ce') throw new Error(`ClassifierObjective supports the cross-entropy loss only, not "${loss.kind}"`);
    const r = await this.session.run({
      [this.input]: new Tensor('float32', x, [1, ...this.sampleShape]),
      [NAMES.label]: new Tensor('int64', BigInt64Array.of(BigInt(loss.label)), [1]),
      [NAMES.weight]: new Tensor('float32', Float32Array.of(1), [1]),
    });
    return {
      loss: (r[NAMES.loss].data as Float32Array)[0],
      grad: Float32Array.from(r[NAMES.grad(this.input)].data as Float32Array),
      logits: Float32Array.from(r[this.output].data as Float32Array),
    };
  }

  /** Logits at `x` (the same run; the label does not change them). */
  async predict(x: Float32Array): Promise<Float32Array> {
    return (await this.evaluate(x, { kind: 'ce', label: 0 })).logits;
  }

  /** Frees the onnxruntime session. */
  async release(): Promise<void> {
    await this.session.release();
  }
}
