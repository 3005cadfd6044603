import { lossFromLogits } from '../../../electron/engine/attacks/losses';
import type { AttackLoss, Evaluation, Objective } from '../../../electron/engine/attacks/objective';
import { Rng } from '../../../electron/engine/attacks/rng';

/** Softmax-linear classifier z = W·x + b with exact gradients (no ONNX), for attack tests. */
export class LinearModel implements Objective {
  readonly outputShape: number[];
  evaluations = 0;
  constructor(
    readonly w: Float64Array[],
    readonly b: Float64Array,
  ) {
    this.outputShape = [w.length];
  }
  get inputSize(): number {
    return this.w[0].length;
  }
  static random(classes: number, inputs: number, seed: number): LinearModel {
    const r = new Rng(seed);
    const w = Array.from({ length: classes }, () => Float64Array.from({ length: inputs }, () => r.normal()));
    return new LinearModel(w, Float64Array.from({ length: classes }, () => r.normal()));
  }
  async predict(x: Float32Array): Promise<Float32Array> {
    return Float32Array.from(this.w, (row, c) => row.reduce((s, v, i) => s + v * x[i], this.b[c]));
  }
  async evaluate(x: Float32Array, loss: AttackLoss): Promise<Evaluation> {
    this.evaluations++;
    const logits = await this.predict(x);
    const { loss: value, seed } = lossFromLogits(logits, this.outputShape, loss);
    const grad = new Float32Array(x.length);
    for (let c = 0; c < this.w.length; c++) for (let i = 0; i < grad.length; i++) grad[i] += seed[c] * this.w[c][i];
    return { loss: value, grad, logits };
  }
}

/** Pointwise segmenter: z[c, p] = a_c·x_p + b_c over an H×W input, K classes. */
export class PointwiseSegmenter implements Objective {
  readonly outputShape: number[];
  constructor(
    readonly a: number[],
    readonly b: number[],
    readonly height: number,
    readonly width: number,
  ) {
    this.outputShape = [a.length, height, width];
  }
  get inputSize(): number {
    return this.height * this.width;
  }
  async predict(x: Float32Array): Promise<Float32Array> {
    const p = x.length;
    const out = new Float32Array(this.a.length * p);
    for (let c = 0; c < this.a.length; c++) for (let i = 0; i < p; i++) out[c * p + i] = this.a[c] * x[i] + this.b[c];
    return out;
  }
  async evaluate(x: Float32Array, loss: AttackLoss): Promise<Evaluation> {
    const logits = await this.predict(x);
    const { loss: value, seed } = lossFromLogits(logits, this.outputShape, loss);
    const p = x.length;
    const grad = new Float32Array(p);
    for (let c = 0; c < this.a.length; c++) for (let i = 0; i < p; i++) grad[i] += seed[c * p + i] * this.a[c];
    return { loss: value, grad, logits };
  }
}
