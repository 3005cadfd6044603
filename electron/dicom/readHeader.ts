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
        if (parsed.dataSet.elements.x7fe00010 && !parsed.transferSyntax.deflated) return checkPixelLength(parsed, size - first.length);
      } catch (err) {
        if (!(err instanceof DicomError) || /not a DICOM file/.test(err.message)) throw err;
      }
    }
    const all = size > PREFIX ? new Uint8Array(size) : first;
    if (size > PREFIX) await handle.read(all, 0, size, 0);
    return checkPixelLength(parseInstance(all, { path, headerOnly: true }), 0);
  } finally {
    await handle.close();
  }
}

/**
 * Fails a file whose native Pixel Data element claims more bytes than the file holds, so indexing
 * lists a truncated file instead of the viewer finding out later. `unread` is how many bytes of the
 * file lie beyond the buffer that was parsed (the data set always runs to the end of that buffer).
 */
function checkPixelLength(parsed: ParsedInstance, unread: number): ParsedInstance {
  const el = parsed.dataSet.elements.x7fe00010;
  if (!el || parsed.transferSyntax.deflated || el.hadUndefinedLength) return parsed;
  const available = Math.max(0, parsed.dataSet.byteArray.length - el.dataOffset + unread);
  if (available < el.length) {
    const n = (v: number) => v.toLocaleString('en-US');
    throw new DicomError(`pixel data is ${n(available)} bytes, expected ${n(el.length)} — file truncated`, parsed.path ?? undefined);
  }
  return parsed;
}
