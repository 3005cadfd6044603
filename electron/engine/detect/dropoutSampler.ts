import { Tensor } from 'onnxruntime-node';
import type { ModelProto } from 'onnx-buf';
import { createSession, decodeModel, encodeModel, makeTensor, type ModelSession } from '../onnx';

/**
 * Runs a model with its Dropout layers active at inference (ONNX Dropout's `training_mode` input set
 * to true; onnxruntime honours it, note §4), so repeated runs sample the MC-dropout posterior
 * (Gal & Ghahramani 2016). Dropout ratios are the model's own (0.5 where the node states none).
 */
export class DropoutSampler {
  private constructor(
    private readonly ms: ModelSession,
    private readonly inputName: string,
    private readonly outputName: string,
    private readonly inputShape: number[],
  ) {}

  /** Number of Dropout nodes in a model (0: MC dropout does not apply). */
  static count(model: ModelProto): number {
    return model.graph?.node.filter((n) => n.opType === 'Dropout').length ?? 0;
  }

  /** Builds the training-mode session; null when the model has no Dropout. `inputShape` is [C, H, W]. */
  static async create(model: ModelProto, inputShape: number[]): Promise<DropoutSampler | null> {
    if (DropoutSampler.count(model) === 0) return null;
    const m = decodeModel(encodeModel(model));
    const g = m.graph!;
    const ratio = 'aegis_dropout_ratio';
    const on = 'aegis_dropout_training';
    g.initializer.push(makeTensor(ratio, new Float32Array([0.5]), []), makeTensor(on, Uint8Array.from([1]), []));
    for (const n of g.node) {
      if (n.opType !== 'Dropout') continue;
      // opset ≥ 12: Dropout(data, ratio?, training_mode?); an empty name means "not given".
      n.input[1] = n.input[1] || ratio;
      n.input[2] = on;
    }
    const initNames = new Set(g.initializer.map((t) => t.name));
    const input = g.input.find((i) => !initNames.has(i.name));
    if (!input || !g.output[0]) throw new Error('MC dropout: the model has no input or output.');
    return new DropoutSampler(await createSession(encodeModel(m)), input.name, g.output[0].name, inputShape);
  }

  /** One stochastic forward pass on one model input; returns the first output's values. */
  async sample(x: Float32Array): Promise<Float32Array> {
    const out = await this.ms.session.run({ [this.inputName]: new Tensor('float32', x, [1, ...this.inputShape]) });
    return Float32Array.from(out[this.outputName].data as Float32Array);
  }

  async release(): Promise<void> {
    await this.ms.session.release();
  }
}
