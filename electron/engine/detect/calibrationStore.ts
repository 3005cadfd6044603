import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calibrationFromJson, calibrationToJson, type CalibrationRecord } from './calibrationRecord';

/** File name of a calibration inside its directory. */
export const CALIBRATION_FILE = 'calibration.json';

/**
 * Writes `calibration.json` into `dir` durably: to a temporary name first, then renamed, so a crash
 * never leaves a half-written calibration. Returns the file path.
 */
export function saveCalibration(dir: string, record: CalibrationRecord): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, CALIBRATION_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, calibrationToJson(record));
  renameSync(tmp, path);
  return path;
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
