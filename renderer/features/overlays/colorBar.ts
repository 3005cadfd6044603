/** The colour bar of a heatmap layer: which map value each colour stands for, as the layer draws it. */
import { colormapRgb, type HeatmapStyle } from '../../viewer/heatmapPixels';

/**
 * CSS linear-gradient (left = map minimum, right = maximum) matching heatmapRgba: transparent below
 * the threshold fraction, then the colormap from its start at the threshold to its end at the
 * maximum, in `stops` steps.
 */
export function colorBarGradient(style: Pick<HeatmapStyle, 'colormap' | 'threshold'>, stops = 8): string {
  const th = Math.min(Math.max(style.threshold, 0), 1);
  const parts = [`transparent 0%`, `transparent ${(th * 100).toFixed(1)}%`];
  for (let i = 0; i <= stops; i++) {
    const t = i / stops;
    const [r, g, b] = colormapRgb(style.colormap, t);
    parts.push(`rgb(${r}, ${g}, ${b}) ${((th + (1 - th) * t) * 100).toFixed(1)}%`);
  }
  return `linear-gradient(to right, ${parts.join(', ')})`;
}

/** The map value at the threshold (min + threshold·(max − min)), in the map's unit. */
export function thresholdValue(range: { min: number; max: number }, threshold: number): number {
  return range.min + Math.min(Math.max(threshold, 0), 1) * (range.max - range.min);
}
