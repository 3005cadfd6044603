/**
 * Exports of an attack: its record as JSON and its derived DICOM, each written to a temporary name,
 * flushed, then linked into place — never replacing an existing file.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { writeNew } from '../../dicom/safeWrite';
import type { AttackRecord } from '../../shared/labTypes';
import { ApiError } from '../apiError';

async function writeRefusingOverwrite(path: string, bytes: Uint8Array): Promise<string> {
  try {
    await writeNew(path, bytes);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new ApiError('failed', `${path}: the folder does not exist.`);
    if (e.code === 'EACCES' || e.code === 'EPERM') throw new ApiError('failed', `${path}: no permission to write there.`);
    if (/already exists/.test(e.message)) throw new ApiError('failed', `${path} already exists; Aegis never overwrites files. Choose another name.`);
    throw new ApiError('failed', `${path}: cannot write (${e.message}).`);
  }
  return path;
}

/** Writes the record as pretty JSON at `path` (absolute, or relative to the working directory). */
export async function exportAttackJson(record: AttackRecord, path: string): Promise<string> {
  return writeRefusingOverwrite(resolve(path), new TextEncoder().encode(JSON.stringify(record, null, 2) + '\n'));
}

/** Copies the derived DICOM into `folder` under its own name (`<SOPInstanceUID>.dcm`). */
export async function exportAttackDicom(record: AttackRecord, folder: string): Promise<string> {
  const dir = resolve(folder);
  if (!(await stat(dir).catch(() => null))?.isDirectory()) throw new ApiError('failed', `${dir} does not exist or is not a folder; create it or choose another.`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(record.derived.path);
  } catch {
    throw new ApiError('failed', `The attacked image ${record.derived.path} is missing from the workspace; run the attack again.`);
  }
  return writeRefusingOverwrite(join(dir, basename(record.derived.path)), bytes);
}
