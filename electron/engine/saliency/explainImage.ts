import { openImageTask } from '../attacks/imageTask';
import { loadModel } from '../onnx/model';
import { ModelInputSchema } from '../../shared/modelMetadata';
import { resampleMatrix, resizePlane } from '../imaging/resampleMatrix';
import { computeSaliency, type SaliencyOutcome, type SaliencyRequest } from './computeSaliency';
import { makeBaseline, type BaselineKind } from './baselines';

/** A saliency outcome for an image file, with the map also resampled onto the image's own pixels. */
export interface ImageExplanation extends SaliencyOutcome {
  className: string;
  classes: string[];
  /** The map on the image's native grid (bilinear from the model grid), for overlays. */
  native: { data: Float32Array; width: number; height: number };
  seconds: number;
}

/**
 * Explains a model's call on an image file (.dcm/.png through the metadata.json pipeline, or a raw
 * .npy model input): the map on the model-input grid and resampled to the image. SmoothGrad's σ is
 * taken relative to the model's input range after normalisation ([0, 1] for raw .npy inputs).
 */
export async function explainImage(
  modelPath: string,
  imagePath: string,
  request: Omit<SaliencyRequest, 'inputRange' | 'baseline'> & { baselineKind?: BaselineKind; baselineValue?: number },
): Promise<ImageExplanation> {
  const task = await openImageTask(modelPath, imagePath);
  const sampleShape = task.objective.inputShape.slice(1);
  await task.objective.release();
  const input = Object.values(task.metadata.network_data_format.inputs)[0] ?? ModelInputSchema.parse({});
  const mean = input.mean[0] ?? 0;
  const std = input.std[0] ?? 1;
  const inputRange: [number, number] = task.image.kind === 'npy' ? [0, 1] : [(input.range[0] - mean) / std, (input.range[1] - mean) / std];
  const started = performance.now();
  const { baselineKind = 'black', baselineValue, ...rest } = request;
  const modelInput = task.modelInputs[0]!;
  const baseline = makeBaseline(baselineKind, modelInput, sampleShape, inputRange, baselineValue);
  const outcome = await computeSaliency(loadModel(modelPath), modelInput, sampleShape, { ...rest, inputRange, baseline });
  if (rest.method === 'ig') outcome.map.params.baseline = baselineKind === 'constant' ? `constant ${baselineValue}` : baselineKind;
  const { map } = outcome;
  const width = task.image.kind === 'npy' ? map.width : task.image.width;
  const height = task.image.kind === 'npy' ? map.height : task.image.height;
  const native = Float32Array.from(resizePlane(map.data, resampleMatrix(map.height, height), resampleMatrix(map.width, width)));
  const classes = [...task.output.classes];
  return {
    ...outcome,
    classes,
    className: classes[outcome.classIndex] ?? `class ${outcome.classIndex}`,
    native: { data: native, width, height },
    seconds: (performance.now() - started) / 1000,
  };
}
