/**
 * Job kind 'detect': the adversarial-suspicion score of one image under a model, against the clean
 * calibration in `calibrationDir` (made by 'detect.calibrate' for this very model file), with the
 * suspicion heatmap on the image's pixels — the same action `aegis detect` runs (../actions/detectSuspicion).
 */
import { defineJob } from './defineJob';

/** The 'detect' job kind; payload and result: `JOB_KINDS.detect` in electron/shared/jobKinds. */
export const detectJob = defineJob('detect', async (p, { signal, progress }) => {
  progress(0, 'Opening the model for the detectors');
  const [{ openDetectionSession }, { detectSuspicion, suspicionResult }] = await Promise.all([import('../detect/detectionSession'), import('../actions/detectSuspicion')]);
  const session = await openDetectionSession(p.model);
  try {
    signal.throwIfAborted();
    progress(0.3, 'Scoring the image');
    return suspicionResult(await detectSuspicion(session, p.calibrationDir, p.image, signal));
  } finally {
    await session.release();
  }
});
