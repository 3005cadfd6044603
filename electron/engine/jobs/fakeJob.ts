/**
 * Job kind 'fake': a lesion generator applied at a click of one DICOM image (engine/fakes/runFake),
 * optionally scored and refined against a model, written as a derived DICOM instance (new series, same
 * study) as `aegis fake --out X.dcm` does. Progress follows the generator, the scoring and each PGD
 * step; cancelling stops between steps.
 */
import { mkdir } from 'node:fs/promises';
import { defineJob } from './defineJob';

/** The 'fake' job kind; payload and result: `JOB_KINDS.fake` in electron/shared/jobKinds. */
export const fakeJob = defineJob('fake', async (p, { signal, progress }) => {
  const [{ runFake }, { writeFakeDicom }, { imageIdOf }] = await Promise.all([import('../fakes/runFake'), import('../fakes/writeFake'), import('../../dicom/index')]);
  const r = await runFake({ ...p, signal, onProgress: progress });
  signal.throwIfAborted();
  progress(0.97, 'Writing the derived DICOM');
  await mkdir(p.outDir, { recursive: true });
  const written = await writeFakeDicom(r, p.outDir);
  const { col, row, inner, outer } = r.region;
  const c = r.calls;
  const decision = (s: NonNullable<typeof c>['before'] | undefined) => (s && 'decision' in s && typeof s.decision === 'number' ? s.decision : null);
  const probs = (s: NonNullable<typeof c>['before'] | undefined) => (s && 'probabilities' in s ? s.probabilities : null);
  return {
    generator: r.generator,
    region: { col, row, inner, outer },
    changedPixels: r.changedPixels,
    ssim: Number.isFinite(r.metrics.ssim) ? r.metrics.ssim : null,
    psnr: Number.isFinite(r.metrics.psnr) ? r.metrics.psnr : null,
    dataRange: r.metrics.dataRange,
    classes: c?.classes ?? null,
    decisionBefore: decision(c?.before),
    decisionAfterGenerator: decision(c?.afterGenerator),
    decisionAfter: decision(c?.after),
    probabilitiesBefore: probs(c?.before),
    probabilitiesAfter: probs(c?.after),
    refine: r.refine,
    derived: { ...written, imageId: imageIdOf(written.sopInstanceUid, 0) },
  };
});
