import type { ModelProto } from 'onnx-buf';
import type { AttackLoss, Evaluation, Objective } from '../attacks/objective';
import { GradientRunner } from '../autodiff';
import type { CalibrationRecord } from './calibrationRecord';
import { DETECTOR_SCORE_OUTPUT, detectorScoreModel } from './detectorScoreGraph';

/** The detector score S(x) and its gradient at one model input. */
export type DetectorGradient = (x: Float32Array) => Promise<{ score: number; grad: Float32Array }>;

/**
 * An attack objective that also hides from the detectors (the adaptive attack an honest detector
 * report needs, after Yao et al. 2021): loss′ = loss − λ·S(x) when the attack ascends its loss
 * (untargeted), loss + λ·S(x) when it descends (targeted), with gradients to match. S is the
 * differentiable feature-space detector score; λ trades success against stealth.
 */
export class DetectorAwareObjective implements Objective {
  readonly inputSize: number;
  readonly outputShape: readonly number[];

  /**
   * @param base the model objective (model-input space)
   * @param detector S(x) with ∂S/∂x at a model input
   * @param weight λ ≥ 0, in loss units per detector-score unit
   * @param ascend true for untargeted attacks (they ascend the loss)
   */
  constructor(
    private readonly base: Objective,
    private readonly detector: DetectorGradient,
    private readonly weight: number,
    private readonly ascend: boolean,
  ) {
    if (!(weight >= 0)) throw new Error(`Adaptive attack weight must be ≥ 0, got ${weight}.`);
    this.inputSize = base.inputSize;
    this.outputShape = base.outputShape;
  }

  async evaluate(x: Float32Array, loss: AttackLoss): Promise<Evaluation> {
    const ev = await this.base.evaluate(x, loss);
    const d = await this.detector(x);
    const k = (this.ascend ? -1 : 1) * this.weight;
    const grad = Float32Array.from(ev.grad, (g, i) => g + k * d.grad[i]);
    return { loss: ev.loss + k * d.score, grad, logits: ev.logits };
  }

  predict(x: Float32Array): Promise<Float32Array> {
    return this.base.predict(x);
  }
}

/**
 * Compiles the model extended with the differentiable detector score (see
 * {@link detectorScoreModel}) and returns S(x), ∂S/∂x for one model input of shape `inputShape`
 * ([C, H, W]), plus a release function for its onnxruntime session.
 */
export async function detectorGradient(
  model: ModelProto,
  record: CalibrationRecord,
  spatialLayers: string[],
  inputShape: number[],
): Promise<{ gradient: DetectorGradient; release: () => Promise<void> }> {
  const extended = detectorScoreModel(model, record, spatialLayers);
  const runner = await GradientRunner.create({ model: extended }, { loss: 'cotangent', output: DETECTOR_SCORE_OUTPUT, inputShape: [1, ...inputShape] }, { cacheDir: null });
  const shape = [1, ...inputShape];
  const gradient: DetectorGradient = async (x) => {
    const r = await runner.run(x, shape, { cotangent: new Float32Array([1]) });
    return { score: r.loss[0], grad: r.grad };
  };
  return { gradient, release: () => runner.release() };
}
