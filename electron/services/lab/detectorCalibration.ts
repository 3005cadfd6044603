/**
 * Where the suspicion detectors' calibration of a model lives in the workspace
 * (`calibrations/<model hash>/`, so an edited model file never reuses another file's calibration),
 * and what it rests on, as the UI states it next to the suspicion score.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CalibrationSummary } from '../../shared/jobResults';
import type { ModelEntry } from '../../shared/labTypes';
import type { ServiceContext } from '../serviceContext';

/** The calibration folder of `model` (its hash must be known). */
export function calibrationDir(ctx: ServiceContext, model: ModelEntry): string {
  return join(ctx.workspace.home, 'calibrations', model.hash ?? 'unreadable-model');
}

/** The stored calibration summary of `model`, or null when it has not been calibrated. */
export async function calibrationSummary(ctx: ServiceContext, model: ModelEntry): Promise<CalibrationSummary | null> {
  if (model.hash === null) return null;
  const text = await readFile(join(calibrationDir(ctx, model), 'summary.json'), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    return JSON.parse(text) as CalibrationSummary;
  } catch {
    return null;
  }
}

/**
 * Whether a tested image overlaps the calibration: 'image' when it was itself a calibration image,
 * 'series' when its series supplied calibration images (neighbouring slices of one patient are far
 * from independent, so its suspicion is biased towards clean), else null. Calibrations made before
 * provenance was recorded give null.
 */
export function calibrationOverlap(imageId: string, seriesUid: string, provenance: { imageIds?: string[]; seriesUids?: string[] }): 'image' | 'series' | null {
  if (provenance.imageIds?.includes(imageId)) return 'image';
  if (provenance.seriesUids?.includes(seriesUid)) return 'series';
  return null;
}
