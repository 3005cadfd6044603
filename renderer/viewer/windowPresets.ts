/**
 * Window/level presets per modality, in modality units (HU for CT). CT values follow common radiology
 * practice (OHIF's defaults: soft tissue 400/40, lung 1500/−600, liver 150/90, bone 2500/480, brain
 * 80/40; mediastinum 350/50; stroke 40/40, subdural 215/75, temporal bone 2800/600). Modalities without
 * calibrated units (MR, DX, CR, MG, US …) get windows on the image's own value range instead.
 */
import type { VOI } from 'cornerstone-core';
import type { FrameMeta } from '../../electron/shared/studyTypes';

/** A frame's stored value range in modality units (slope/intercept applied). */
export function modalityRange(meta: Pick<FrameMeta, 'minStored' | 'maxStored' | 'rescaleSlope' | 'rescaleIntercept'>): { min: number; max: number } {
  const a = meta.minStored * meta.rescaleSlope + meta.rescaleIntercept;
  const b = meta.maxStored * meta.rescaleSlope + meta.rescaleIntercept;
  return { min: Math.min(a, b), max: Math.max(a, b) };
}

/** One preset: a label for the UI and its window in modality units. */
export interface WindowPreset {
  id: string;
  label: string;
  voi: VOI;
}

const CT_PRESETS: WindowPreset[] = [
  { id: 'lung', label: 'Lung', voi: { windowWidth: 1500, windowCenter: -600 } },
  { id: 'mediastinum', label: 'Mediastinum', voi: { windowWidth: 350, windowCenter: 50 } },
  { id: 'bone', label: 'Bone', voi: { windowWidth: 2500, windowCenter: 480 } },
  { id: 'brain', label: 'Brain', voi: { windowWidth: 80, windowCenter: 40 } },
  { id: 'soft-tissue', label: 'Soft tissue', voi: { windowWidth: 400, windowCenter: 40 } },
  { id: 'liver', label: 'Liver', voi: { windowWidth: 150, windowCenter: 90 } },
  { id: 'stroke', label: 'Stroke', voi: { windowWidth: 40, windowCenter: 40 } },
  { id: 'subdural', label: 'Subdural', voi: { windowWidth: 215, windowCenter: 75 } },
  { id: 'temporal-bone', label: 'Temporal bone', voi: { windowWidth: 2800, windowCenter: 600 } },
];

/**
 * Windows on an image's own value range (modality units) for modalities without calibrated units:
 * the full range, and its middle half, lower half and upper half (for dark or bright structures).
 */
function rangePresets(range: { min: number; max: number }): WindowPreset[] {
  const w = range.max - range.min;
  if (!(w > 0)) return [];
  const at = (f: number, width: number) => ({ windowWidth: width, windowCenter: range.min + f * w });
  return [
    { id: 'full-range', label: 'Full range', voi: at(0.5, w) },
    { id: 'middle-half', label: 'Middle half (contrast)', voi: at(0.5, w / 2) },
    { id: 'lower-half', label: 'Lower half (dark detail)', voi: at(0.25, w / 2) },
    { id: 'upper-half', label: 'Upper half (bright detail)', voi: at(0.75, w / 2) },
  ];
}

/**
 * The presets offered for a modality: the file's own window first (when it has one), then the
 * modality's standard windows — HU windows for CT, windows on the image's value range `range`
 * (modality units, when known) for every other modality.
 */
export function presetsFor(modality: string, fileWindow: VOI | null, range: { min: number; max: number } | null = null): WindowPreset[] {
  const own = fileWindow ? [{ id: 'file', label: 'File default', voi: fileWindow }] : [];
  if (modality.toUpperCase() === 'CT') return [...own, ...CT_PRESETS];
  return range ? [...own, ...rangePresets(range)] : own;
}
