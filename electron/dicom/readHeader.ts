/** Header-only parsing for indexing: reads the first 64 KiB and only reads on when the header is longer. */
import { open } from 'node:fs/promises';
import { DicomError } from './dicomError';
import { parseInstance, type ParsedInstance } from './parseInstance';

const PREFIX = 64 * 1024;

/** Parses a file up to (not including) its pixel data; never opens it for writing. */
export async function readHeader(path: string): Promise<ParsedInstance> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DicomError(code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'file not found' : `cannot be read (${code})`, path);
  }
  try {
    const { size } = await handle.stat();
    const first = new Uint8Array(Math.min(size, PREFIX));
    await handle.read(first, 0, first.length, 0);
    if (size > PREFIX) {
      try {
        const parsed = parseInstance(first, { path, headerOnly: true });
        if (parsed.dataSet.elements.x7fe00010 && !parsed.transferSyntax.deflated) return parsed;
      } catch (err) {
        if (!(err instanceof DicomError) || /not a DICOM file/.test(err.message)) throw err;
      }
    }
    const all = size > PREFIX ? new Uint8Array(size) : first;
    if (size > PREFIX) await handle.read(all, 0, size, 0);
    return parseInstance(all, { path, headerOnly: true });
  } finally {
    await handle.close();
  }
}
