/**
 * Job kind 'attack': one attack on one DICOM image in stored-pixel space (ARCHITECTURE.md
 * principle 2), re-scored after quantisation and written as a derived DICOM instance (new series,
 * same study) into `outDir` — the same actions `aegis attack --out X.dcm` runs (../actions). The back
 * end indexes the written file and stores the record (electron/services/lab).
 */
import { mkdir } from 'node:fs/promises';
import { defineJob } from './defineJob';

/** The 'attack' job kind; payload and result: `JOB_KINDS.attack` in electron/shared/jobKinds. */
export const attackJob = defineJob('attack', async (p, { signal, progress }) => {
  progress(0, 'Loading the model and the image');
  const [{ openImageTask }, { attackImage, attackScores }, { writeAttackedDicom }, { imageIdOf }] = await Promise.all([
    import('../attacks/imageTask'),
    import('../actions/attackImage'),
    import('../actions/derivedImage'),
    import('../../dicom/index'),
  ]);
  const task = await openImageTask(p.model, p.image);
  try {
    if (task.image.kind !== 'dicom') throw new Error(`${p.image}: the attack lab attacks DICOM images; this file is ${task.image.kind}`);
    signal.throwIfAborted();
    const label = p.method.toUpperCase();
    progress(0.02, `${label}: starting`);
    const [{ report }] = await attackImage({ ...task, modelInputs: task.modelInputs.slice(0, 1), spaces: task.spaces.slice(0, 1) }, p, {
      signal,
      onProgress: (_, s) => progress(0.02 + 0.93 * (s.iteration / Math.max(1, s.total)), `${label}: iteration ${s.iteration} of ${s.total}`),
    });
    signal.throwIfAborted();
    progress(0.96, 'Writing the derived DICOM');
    await mkdir(p.outDir, { recursive: true });
    const written = await writeAttackedDicom(task, report, p.outDir, p.modelName);
    return {
      provider: task.objective.provider,
      classes: [...task.output.classes],
      method: p.method,
      norm: p.norm,
      eps: p.eps,
      steps: p.steps,
      seed: p.seed,
      ...attackScores(task, report),
      derived: { ...written, imageId: imageIdOf(written.sopInstanceUid, 0) },
    };
  } finally {
    await task.objective.release();
  }
});
