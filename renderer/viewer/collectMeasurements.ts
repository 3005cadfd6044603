/**
 * Reads the measurements drawn on an element's current image from cornerstone-tools' tool state
 * (the tools compute their statistics while drawing, before the viewer's render listener runs).
 */
import * as cornerstoneTools from 'cornerstone-tools';
import { MEASUREMENT_TOOLS, type Measurement } from './measurementFormat';

interface ToolData {
  length?: number;
  cachedStats?: { area?: number; mean?: number; stdDev?: number };
}

/** The measurements of `element`'s current image. */
export function collectMeasurements(element: HTMLElement, modality: string, mm: boolean): Measurement[] {
  const unit = modality === 'CT' ? 'HU' : '';
  const out: Measurement[] = [];
  for (const tool of MEASUREMENT_TOOLS) {
    const state = cornerstoneTools.getToolState(element, tool) as { data: ToolData[] } | undefined;
    for (const d of state?.data ?? []) {
      if (tool === 'Length') {
        if (typeof d.length === 'number') out.push({ tool, length: d.length, mm, unit });
      } else if (d.cachedStats && typeof d.cachedStats.mean === 'number') {
        out.push({ tool, area: d.cachedStats.area, mean: d.cachedStats.mean, stdDev: d.cachedStats.stdDev, mm, unit });
      }
    }
  }
  return out;
}

