/**
 * Exports of an attack: its record as JSON and its derived DICOM (as written, or de-identified for
 * sharing), each written to a temporary name, flushed, then linked into place — never replacing an
 * existing file. Every problem with where to write is the caller's to fix ('bad-input', HTTP 400),
 * said in words that name the fix.
 */
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve, sep } from 'node:path';
import { deidentifyFile, UidMap } from '../../dicom/index';
import { writeNew } from '../../dicom/safeWrite';
import type { AttackRecord } from '../../shared/labTypes';
import { ApiError } from '../apiError';

/** Kernel and device file systems: nothing a user exports belongs there, and writes fail oddly. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

/**
 * Checks that `folder` is an absolute path to an existing folder the app may write into, and returns
 * it normalised. Relative paths are refused rather than resolved against the app's own folder.
 */
export async function exportFolder(folder: string): Promise<string> {
  const given = folder.trim();
  if (!isAbsolute(given)) throw new ApiError('bad-input', `"${given}" is not a full path; type the whole folder path (for example /home/you/exports).`);
  const dir = resolve(given);
  if (SYSTEM_FOLDERS.some((s) => dir === s || dir.startsWith(s + sep))) {
    throw new ApiError('bad-input', `${dir} is a system folder (${dir.split(sep)[1]}), not a place for files; choose a folder of your own.`);
  }
  const info = await stat(dir).catch(() => null);
  if (!info) throw new ApiError('bad-input', `${dir} does not exist; create it or choose another folder.`);
  if (!info.isDirectory()) throw new ApiError('bad-input', `${dir} is a file, not a folder; choose a folder.`);
  if (!(await access(dir, constants.W_OK).then(() => true, () => false))) throw new ApiError('bad-input', `${dir}: no permission to write there; choose a folder of your own.`);
  return dir;
}

/** A file name of the user's: one name, no folders, no leading dot. */
export function exportFileName(name: string, extension: string): string {
  const n = name.trim();
  if (!n || n.includes('/') || n.includes('\\') || n.startsWith('.')) {
    throw new ApiError('bad-input', `"${name}" is not a usable file name; type a name without folders or a leading dot.`);
  }
  return n.toLowerCase().endsWith(extension) ? n : `${n}${extension}`;
}

async function writeRefusingOverwrite(path: string, bytes: Uint8Array | (() => Promise<void>)): Promise<string> {
  try {
    if (typeof bytes === 'function') await bytes();
    else await writeNew(path, bytes);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (/already exists/.test(e.message)) throw new ApiError('bad-input', `${path} already exists; Aegis never overwrites files. Type another file name.`);
    if (e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS') throw new ApiError('bad-input', `${path}: no permission to write there; choose a folder of your own.`);
    if (e.code === 'ENOENT') throw new ApiError('bad-input', `${path}: this folder does not accept new files; choose a folder of your own.`);
    throw new ApiError('failed', `${path}: cannot write (${e.message}).`);
  }
  return path;
}

/** Writes the record as pretty JSON as `fileName` (default attack-<id>.json) inside the absolute `folder`. */
export async function exportAttackJson(record: AttackRecord, folder: string, fileName?: string): Promise<string> {
  const path = join(await exportFolder(folder), exportFileName(fileName ?? `attack-${record.attackId}`, '.json'));
  return writeRefusingOverwrite(path, new TextEncoder().encode(JSON.stringify(record, null, 2) + '\n'));
}

/** Options of {@link exportAttackDicom}. */
export interface DicomExportOptions {
  /** File name (".dcm" added when missing); default `<SOPInstanceUID>.dcm`. */
  fileName?: string;
  /**
   * De-identify for sharing (DICOM PS3.15 Basic Profile, new UIDs, patient "ANONYMOUS"); the
   * derivation — Derivation Code Sequence with 99AEGIS ADVERSARIAL — stays, so it still says what it is.
   */
  deidentify?: boolean;
}

/** Copies (or de-identifies) the derived DICOM into the absolute `folder`. */
export async function exportAttackDicom(record: AttackRecord, folder: string, options: DicomExportOptions = {}): Promise<string> {
  const dir = await exportFolder(folder);
  const path = join(dir, options.fileName ? exportFileName(options.fileName, '.dcm') : basename(record.derived.path));
  let bytes: Uint8Array;
  try {
    bytes = await readFile(record.derived.path);
  } catch {
    throw new ApiError('failed', `The attacked image ${record.derived.path} is missing from the workspace; run the attack again.`);
  }
  if (!options.deidentify) return writeRefusingOverwrite(path, bytes);
  return writeRefusingOverwrite(path, async () => {
    await deidentifyFile(record.derived.path, path, { patientName: 'ANONYMOUS', patientId: 'ANONYMOUS', uids: new UidMap() });
  });
}
