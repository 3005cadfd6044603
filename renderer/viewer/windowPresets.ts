/**
 * Window/level presets per modality, in modality units (HU for CT). CT values follow common radiology
 * practice (OHIF's defaults: lung 1500/−600, bone 2500/480, brain 80/40; mediastinum 350/50).
 */
import type { VOI } from 'cornerstone-core';

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
];

/**
 * The presets offered for a modality: the file's own window first (when it has one), then the
 * modality's standard windows (CT only; other modalities get only the file's window).
 */
export function presetsFor(modality: string, fileWindow: VOI | null): WindowPreset[] {
  const own = fileWindow ? [{ id: 'file', label: 'File default', voi: fileWindow }] : [];
  return modality.toUpperCase() === 'CT' ? [...own, ...CT_PRESETS] : own;
}
