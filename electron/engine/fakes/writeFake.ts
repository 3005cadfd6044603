/**
 * Writes a fake as a derived DICOM instance of its source (new series, same study), as every attacked
 * image is written (dicom/writeDerived): the Derivation Description names the generator, the click,
 * the edited radius and any PGD refinement.
 */
import { writeDerived, type DerivedInstance } from '../../dicom/index';
import type { FakeResult } from './runFake';

/** Writes `r` into `outDir` (never overwriting). @throws for a source that is not DICOM. */
export async function writeFakeDicom(r: FakeResult, outDir: string): Promise<DerivedInstance> {
  if (r.image.kind !== 'dicom') throw new Error(`${r.image.path}: only a DICOM image can be written as a derived DICOM instance; this file is ${r.image.kind}`);
  const { col, row, outer } = r.region;
  return writeDerived({
    source: r.image.path,
    storedPixels: Int32Array.from(r.stored),
    method: `GAN-${r.generator.operation.toUpperCase()}`,
    budget: r.refine?.eps ?? 0,
    details: `generator ${r.generator.name || 'unnamed'} at ${col},${row}, pixels within ${outer} px changed${r.refine ? `, PGD ${r.refine.steps} steps in the region, seed ${r.refine.seed}` : ''}`,
    outDir,
  });
}
