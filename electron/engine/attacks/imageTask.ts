/**
 * Opens a model and an image together, as `aegis predict` and `aegis attack` (and engine jobs) need
 * them: the model as an attack objective with its metadata.json, the image as stored values with its
 * pipeline, the model input, and the attack space (stored-pixel space for DICOM/PNG, raw model-input
 * space clipped to [0, 1] for .npy).
 */
import { ModelInputSchema, type ModelInputMetadata, type ModelMetadata, type ModelOutputMetadata } from '../../shared/modelMetadata';
import { pipelineForImage } from '../imaging/pipelineForImage';
import type { Pipeline } from '../imaging/pipeline';
import { storedToModality } from '../imaging/storedFormat';
import { loadImage, type LoadedImage } from '../io/loadImage';
import { loadModel, readModelMetadata } from '../onnx/index';
import { rawInputSpace, storedImageSpace, type AttackSpace } from './attackSpace';
import { OnnxObjective } from './onnxObjective';

/** A model and an image, ready to predict or attack. Release the objective when done. */
export interface ImageTask {
  objective: OnnxObjective;
  metadata: ModelMetadata;
  output: ModelOutputMetadata;
  image: LoadedImage;
  /** Absent for .npy (raw model input). */
  pipeline?: Pipeline;
  /** One model input per sample: a .npy may stack N samples along the batch axis; images give one. */
  modelInputs: Float32Array[];
  /** The attack space of each sample. */
  spaces: AttackSpace[];
}

/** A model opened as an attack objective with its metadata.json. Release the objective when done. */
export interface OpenedModel {
  objective: OnnxObjective;
  metadata: ModelMetadata;
  input: ModelInputMetadata;
  output: ModelOutputMetadata;
  /** sha256 of the model bytes (see LoadedModel.hash). */
  hash: string;
}

/** Opens `modelPath` (+ metadata.json beside it) as an attack objective, input shape from the metadata. */
export async function openModel(modelPath: string): Promise<OpenedModel> {
  const metadata = readModelMetadata(modelPath);
  const input = Object.values(metadata.network_data_format.inputs)[0] ?? ModelInputSchema.parse({});
  const output = Object.values(metadata.network_data_format.outputs)[0] ?? { kind: 'logits' as const, classes: [] };
  const loaded = loadModel(modelPath);
  const inputShape = input.size ? [1, input.channels, input.size[0], input.size[1]] : undefined;
  const objective = await OnnxObjective.create(loaded, { outputKind: output.kind, inputShape });
  return { objective, metadata, input, output, hash: loaded.hash };
}

/**
 * A DICOM or PNG image (stored values) through `model`'s pixel pipeline: the model input and the
 * stored-pixel attack space (ARCHITECTURE.md principle 2).
 */
export function storedImageTask(model: Pick<OpenedModel, 'objective' | 'input'>, image: LoadedImage): { pipeline: Pipeline; modelInput: Float32Array; space: AttackSpace } {
  const format = image.format;
  if (!format) throw new Error(`${image.path}: a raw .npy array has no stored format; use a DICOM or PNG image`);
  const modality = storedToModality(image.values, format);
  const pipeline = pipelineForImage({ ...image, modality }, model.input, model.objective.inputShape);
  const modelInput = pipeline.forward(modality);
  const stored = { stored: image.values, width: image.width, height: image.height, channels: image.channels as 1 | 3, format };
  const space = storedImageSpace(pipeline, stored, model.input.intensity.kind === 'minmax');
  return { pipeline, modelInput, space };
}

/** Opens `modelPath` (+ metadata.json beside it) and `imagePath` (.dcm, .png or .npy). */
export async function openImageTask(modelPath: string, imagePath: string): Promise<ImageTask> {
  const { objective, metadata, output, input } = await openModel(modelPath);
  try {
    const image = await loadImage(imagePath);
    if (image.kind === 'npy') {
      const shape = image.shape ?? [];
      const n = image.values.length / objective.inputSize;
      const sameSample = shape.length === objective.inputShape.length && shape.slice(1).every((d, i) => d === objective.inputShape[i + 1]);
      if (!Number.isInteger(n) || n < 1 || (n > 1 && !sameSample)) {
        throw new Error(`${imagePath}: shape [${shape.join(', ')}] has ${image.values.length} values; the model input is [${objective.inputShape.join(', ')}] (${objective.inputSize}), or N of them stacked on the batch axis`);
      }
      const modelInputs = Array.from({ length: n }, (_, i) => image.values.slice(i * objective.inputSize, (i + 1) * objective.inputSize));
      const spaces = modelInputs.map((x) => rawInputSpace(x, objective.inputShape));
      return { objective, metadata, output, image, modelInputs, spaces };
    }
    const { pipeline, modelInput, space } = storedImageTask({ objective, input }, image);
    return { objective, metadata, output, image, pipeline, modelInputs: [modelInput], spaces: [space] };
  } catch (err) {
    await objective.release();
    throw err;
  }
}
