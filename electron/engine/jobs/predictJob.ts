/**
 * Job kind 'predict': a user's ONNX model on one image (DICOM through the pixel pipeline its
 * metadata.json describes, PNG, or a raw .npy model input) — the same action `aegis predict --json`
 * reports (../actions/predictImage). onnxruntime is loaded on the first prediction, so an engine
 * that never predicts starts fast.
 */
import { defineJob } from './defineJob';

/** The 'predict' job kind; payload and result: `JOB_KINDS.predict` in electron/shared/jobKinds. */
export const predictJob = defineJob('predict', async ({ model, image }, { signal, progress }) => {
  progress(0, 'Loading the model and the image');
  const [{ openImageTask }, { predictImage }] = await Promise.all([import('../attacks/imageTask'), import('../actions/predictImage')]);
  const task = await openImageTask(model, image);
  try {
    signal.throwIfAborted();
    if (task.modelInputs.length !== 1) {
      throw new Error(`${image}: holds ${task.modelInputs.length} stacked inputs; a prediction job scores one image (use "aegis predict" for batches)`);
    }
    progress(0.5, 'Running the model');
    const { base, samples } = await predictImage(task, signal);
    return { ...base, ...samples[0]! };
  } finally {
    await task.objective.release();
  }
});
