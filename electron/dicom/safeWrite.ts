/** Durable, never-overwriting file writes: write to a temporary name, fsync, then link into place. */
import { link, open, unlink } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { DicomError } from './dicomError';

/** Writes `bytes` to `path`; refuses (DicomError) if `path` already exists. */
export async function writeNew(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(tmp, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    // link() fails with EEXIST instead of replacing, unlike rename().
    await link(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new DicomError('already exists; not overwritten', path);
    throw err;
  } finally {
    await unlink(tmp);
  }
}
