/** Never-overwriting DICOM file writes through the base room's durable writer. */
import { writeFileAtomic } from '../base/atomicWrite';
import { DicomError } from './dicomError';

/** Writes `bytes` to `path` durably; refuses (DicomError) if `path` already exists. */
export async function writeNew(path: string, bytes: Uint8Array): Promise<void> {
  try {
    writeFileAtomic(path, bytes, { noReplace: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new DicomError('already exists; not overwritten', path);
    throw err;
  }
}
