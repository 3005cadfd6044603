/**
 * Job kind 'predict': a user's ONNX model on one image (DICOM through the pixel pipeline its
 * metadata.json describes, PNG, or a raw .npy model input), as `aegis predict --json` reports it.
 * onnxruntime is loaded on the first prediction, so an engine that never predicts starts fast.
 */
import { z } from 'zod';
import type { JobKind } from './registry';

/** What a prediction returns: the output read, and per-class probabilities or per-class pixel fractions. */
export interface PredictResult {
  provider: string;
  /** The tensor read (the last differentiable one when the model ends in post-processing). */
  output: string;
  outputReason: string | null;
  outputKind: string;
  inputShape: number[];
  outputShape: number[];
  classes: string[];
  /** Classification: raw output values. */
  logits?: number[];
  /** Classification: softmax over classes, or per-class sigmoid for multi-label logits. */
  probabilities?: number[];
  /** Classification: the argmax class, or every class with p ≥ 0.5 for multi-label. */
  decision?: number | number[];
  /** Segmentation: the fraction of pixels whose argmax is each class. */
  pixelFractions?: number[];
}

const payload = z.object({
  /** Absolute path of the .onnx file (metadata.json beside it is optional). */
  model: z.string().min(1),
  /** Absolute path of the image: .dcm (first frame), .png or .npy. */
  image: z.string().min(1),
});

/** The 'predict' job kind. */
export const predictJob: JobKind<z.infer<typeof payload>> = {
  payload,
  async run({ model, image }, { signal, progress }): Promise<PredictResult> {
    progress(0, 'Loading the model and the image');
    const [{ openImageTask }, { summarisePrediction }] = await Promise.all([import('../attacks/imageTask'), import('../attacks/predictionSummary')]);
    const task = await openImageTask(model, image);
    try {
      signal.throwIfAborted();
      progress(0.5, 'Running the model');
      const { objective, output } = task;
      if (task.modelInputs.length !== 1) {
        throw new Error(`${image}: holds ${task.modelInputs.length} stacked inputs; a prediction job scores one image (use "aegis predict" for batches)`);
      }
      const logits = await objective.predict(task.modelInputs[0]!);
      const shape = objective.outputShape;
      const base: PredictResult = {
        provider: objective.provider,
        output: objective.output,
        outputReason: objective.outputReason ?? null,
        outputKind: output.kind,
        inputShape: [...objective.inputShape],
        outputShape: [...shape],
        classes: [...output.classes],
      };
      return { ...base, ...summarisePrediction(logits, shape, output.kind) };
    } finally {
      await task.objective.release();
    }
  },
};
