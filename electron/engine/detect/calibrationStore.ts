import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../base/atomicWrite';
import { calibrationFromJson, calibrationToJson, type CalibrationRecord } from './calibrationRecord';

/** File name of a calibration inside its directory. */
export const CALIBRATION_FILE = 'calibration.json';

/**
 * Writes `calibration.json` into `dir` (created if missing) with the base room's durable writer, so
 * a crash never leaves a half-written calibration. Returns the file path.
 */
export function saveCalibration(dir: string, record: CalibrationRecord): string {
  return writeFileAtomic(join(dir, CALIBRATION_FILE), calibrationToJson(record));
}

/** Reads and validates `dir/calibration.json`; refuses a calibration made for a different model hash. */
export function loadCalibration(dir: string, modelHash?: string): CalibrationRecord {
  const path = join(dir, CALIBRATION_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`No detector calibration at ${path}; run the calibration first (aegis detect-eval or a calibration job).`, { cause: e });
  }
  return calibrationFromJson(text, path, modelHash);
}
