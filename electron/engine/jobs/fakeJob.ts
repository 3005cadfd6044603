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
  const [{ runFake }, { writeDerived, imageIdOf }] = await Promise.all([import('../fakes/runFake'), import('../../dicom/index')]);
  const r = await runFake({ ...p, signal, onProgress: progress });
  if (r.image.kind !== 'dicom') throw new Error(`${p.image}: the lab fakes DICOM images; this file is ${r.image.kind}`);
  signal.throwIfAborted();
  progress(0.97, 'Writing the derived DICOM');
  await mkdir(p.outDir, { recursive: true });
  const { col, row, inner, outer } = r.region;
  const written = await writeDerived({
    source: r.image.path,
    storedPixels: Int32Array.from(r.stored),
    method: `GAN-${r.generator.operation.toUpperCase()}`,
    budget: r.refine?.eps ?? 0,
    details: `generator ${r.generator.name || 'unnamed'} at ${col},${row}, pixels within ${outer} px changed${r.refine ? `, PGD ${r.refine.steps} steps in the region, seed ${r.refine.seed}` : ''}`,
    outDir: p.outDir,
  });
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
