import type { ModelInputMetadata } from '../../shared/modelMetadata';
import { resolveIntensityMapping } from './intensityMapping';
import { Pipeline } from './pipeline';

/**
 * Builds the pipeline for one native image and one model input, from the input's metadata.json
 * entry: intensity mapping (window or per-image min–max of the modality values) onto `range`, resize
 * to the model's spatial size (MONOCHROME1 images inverted so the model sees MONOCHROME2), channels to the model's count, then mean/std. `modelInputShape` is
 * NCHW with N = 1 (from the ONNX model, or metadata `size` when the model's is symbolic); an NHWC
 * shape (last dim 1 or 3, second not) is recognised as a TensorFlow-style layout.
 */
export function pipelineForImage(
  image: { width: number; height: number; channels: number; modality: ArrayLike<number>; monochrome1?: boolean },
  input: Pick<ModelInputMetadata, 'intensity' | 'range' | 'mean' | 'std'>,
  modelInputShape: readonly number[],
): Pipeline {
  if (modelInputShape.length !== 4) {
    throw new Error(`the model input has shape [${modelInputShape.join(', ')}]; images need a 4-D NCHW or NHWC input (feed a .npy for other shapes)`);
  }
  const nhwc = (modelInputShape[3] === 1 || modelInputShape[3] === 3) && modelInputShape[1] !== 1 && modelInputShape[1] !== 3;
  const [, c, h, w] = nhwc ? [1, modelInputShape[3], modelInputShape[1], modelInputShape[2]] : modelInputShape;
  if (c !== 1 && c !== 3) throw new Error(`the model expects ${c} channels; images can feed 1 or 3`);
  if (image.channels !== 1 && image.channels !== 3) throw new Error(`the image has ${image.channels} channels; expected 1 (grey) or 3 (RGB)`);
  const mapping = resolveIntensityMapping(input.intensity, image.modality, input.range, image.monochrome1 ?? false);
  return new Pipeline({
    nativeWidth: image.width,
    nativeHeight: image.height,
    nativeChannels: image.channels,
    inputWidth: w,
    inputHeight: h,
    inputChannels: c,
    layout: nhwc ? 'nhwc' : 'nchw',
    mean: input.mean,
    std: input.std,
    mapping,
  });
}
