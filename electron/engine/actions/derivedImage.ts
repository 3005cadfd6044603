/**
 * Writing an attacked image as a derived DICOM instance (new series, same study): the one place
 * that turns an attack report into stored pixels in DICOM order and words the Derivation
 * Description. The 'attack' job and `aegis attack --out X.dcm` both write through here.
 */
import { writeDerived, type DerivedInstance } from '../../dicom/index';
import type { ImageTask } from '../attacks/imageTask';
import type { AttackReport } from '../attacks/runAttack';

/** Planar stored values (RR…GG…BB…) → interleaved integers (RGBRGB…), as DICOM and PNG store colour pixels. */
export function interleaved(planar: ArrayLike<number>, pixels: number, channels: number): Int32Array {
  const out = new Int32Array(pixels * channels);
  for (let p = 0; p < pixels; p++) for (let c = 0; c < channels; c++) out[p * channels + c] = planar[c * pixels + p]!;
  return out;
}

/**
 * Writes `report`'s stored result as a derived instance of the task's DICOM image into `outDir`
 * (named `<SOPInstanceUID>.dcm` unless `options.fileName`; never overwrites), in a new series unless
 * `options.seriesInstanceUid`. `modelName` goes into the Derivation Description ("unnamed" when
 * empty). @throws when the image is not DICOM or is PALETTE COLOR (attacked in RGB).
 */
export async function writeAttackedDicom(
  task: ImageTask,
  report: AttackReport,
  outDir: string,
  modelName: string,
  options: { seriesInstanceUid?: string; fileName?: string } = {},
): Promise<DerivedInstance> {
  const { image } = task;
  if (image.kind !== 'dicom') throw new Error(`${image.path}: only a DICOM image can be written as a derived DICOM instance; this file is ${image.kind}`);
  if (image.palette) throw new Error(`${image.path}: a PALETTE COLOR image is attacked in RGB and cannot be written back as palette indices`);
  return writeDerived({
    source: image.path,
    storedPixels: interleaved(report.stored, image.width * image.height, image.channels),
    method: report.method.toUpperCase(),
    budget: report.eps,
    details: `norm ${report.norm}, ${report.iterations} iterations, seed ${report.seed}, model ${modelName || 'unnamed'}`,
    outDir,
    seriesInstanceUid: options.seriesInstanceUid,
    fileName: options.fileName,
  });
}
