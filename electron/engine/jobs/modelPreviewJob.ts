/**
 * Job kind 'model.preview': the exact tensor a model will see for one DICOM/PNG image — the
 * metadata pipeline (intensity mapping, resize, channels, mean/std) applied to the image's modality
 * values, on the model's input grid. Takes unsaved metadata from the import form, so the user sees
 * the effect of an answer before saving it. Runs no model (onnxruntime is not loaded).
 */
import { ModelInputSchema, ModelMetadataSchema } from '../../shared/modelMetadata';
import { defineJob } from './defineJob';

/** The 'model.preview' job kind; payload and result: `JOB_KINDS['model.preview']` in electron/shared/jobKinds. */
export const modelPreviewJob = defineJob('model.preview', async (p, { progress }) => {
  progress(0, 'Reading the model input shape');
  const [{ loadModel, readModelMetadata }, { describeModel }, { loadImage }, { storedToModality }, { pipelineForImage }] = await Promise.all([
    import('../onnx/index'),
    import('../autodiff/index'),
    import('../io/loadImage'),
    import('../imaging/storedFormat'),
    import('../imaging/pipelineForImage'),
  ]);
  let metadata;
  if (p.metadata === undefined) metadata = readModelMetadata(p.model);
  else {
    const parsed = ModelMetadataSchema.safeParse(p.metadata);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`The model settings are invalid: "${issue.path.join('.') || '(root)'}": ${issue.message}`);
    }
    metadata = parsed.data;
  }
  const input = Object.values(metadata.network_data_format.inputs)[0] ?? ModelInputSchema.parse({});
  const graphInput = describeModel(loadModel(p.model).model).inputs[0];
  if (!graphInput) throw new Error(`${p.model}: the model has no input`);
  // As the attack objective does: the model's static dims win, symbolic ones come from the metadata.
  const fromMetadata = input.size ? [1, input.channels, input.size[0], input.size[1]] : [];
  const dims = graphInput.shape.length ? graphInput.shape : fromMetadata;
  const shape = dims.map((d, i) => (i === 0 ? 1 : typeof d === 'number' && d > 0 ? d : (fromMetadata[i] ?? NaN)));
  if (shape.length === 0 || shape.some((d) => !Number.isInteger(d) || d <= 0)) {
    throw new Error(`input "${graphInput.name}" has shape [${graphInput.shape.join(', ')}]; give the input size (height and width) in the model settings`);
  }
  progress(0.4, 'Preparing the image');
  const image = await loadImage(p.image);
  if (image.kind === 'npy' || !image.format) throw new Error(`${p.image}: a .npy file is already a model input; preview needs a DICOM or PNG image`);
  const modality = storedToModality(image.values, image.format);
  const tensor = Float32Array.from(pipelineForImage({ ...image, modality }, input, shape).forward(modality));
  let min = Infinity;
  let max = -Infinity;
  for (const v of tensor) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { inputName: graphInput.name, shape, tensor, min, max };
});
