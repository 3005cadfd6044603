/**
 * The "predict" action, shared by the 'predict' job and `aegis predict`: the model's output on each
 * sample of an image task, read as per-class probabilities and decision (classifier) or per-class
 * pixel fractions (segmenter), with what was read and how.
 */
import type { PredictResult } from '../../shared/jobResults';
import type { ImageTask } from '../attacks/imageTask';
import { summarisePrediction, type PredictionSummary } from '../attacks/predictionSummary';

/** The model facts every prediction states (a {@link PredictResult} without the per-sample reading). */
export type PredictionBase = Omit<PredictResult, 'logits' | 'probabilities' | 'decision' | 'pixelFractions'>;

/** The model facts of `task` and one reading per sample (a .npy may stack several; an image gives one). */
export async function predictImage(task: ImageTask, signal?: AbortSignal): Promise<{ base: PredictionBase; samples: PredictionSummary[] }> {
  const { objective, output } = task;
  const shape = objective.outputShape;
  const base: PredictionBase = {
    provider: objective.provider,
    output: objective.output,
    outputReason: objective.outputReason ?? null,
    outputKind: output.kind,
    inputShape: [...objective.inputShape],
    outputShape: [...shape],
    classes: [...output.classes],
  };
  const samples: PredictionSummary[] = [];
  for (const x of task.modelInputs) {
    signal?.throwIfAborted();
    samples.push(summarisePrediction(await objective.predict(x), shape, output.kind));
  }
  return { base, samples };
}
