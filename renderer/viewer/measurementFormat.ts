/**
 * Measurements as the viewer lists them: lengths in mm and areas in mm² when the image has Pixel
 * Spacing, else in image pixels; ROI mean/SD in modality units (HU for CT). Pure, no DOM.
 */
/** The measurement tools whose results are listed. */
export const MEASUREMENT_TOOLS = ['Length', 'EllipticalRoi', 'RectangleRoi'] as const;

/** One measurement, in the units its fields name. */
export interface Measurement {
  tool: (typeof MEASUREMENT_TOOLS)[number];
  /** Length tool: mm with spacing, else pixels. */
  length?: number;
  /** ROI tools: area (mm² with spacing, else px²), mean and SD in modality units. */
  area?: number;
  mean?: number;
  stdDev?: number;
  /** True when lengths/areas are in mm (the image has Pixel Spacing). */
  mm: boolean;
  /** Modality unit of mean/SD ('HU' for CT, '' otherwise). */
  unit: string;
}

/** One line of text for a measurement, e.g. "Ellipse: mean 200.0 HU, SD 0.0 HU, area 113.1 mm²". */
export function formatMeasurement(m: Measurement): string {
  const u = m.unit ? ` ${m.unit}` : '';
  if (m.tool === 'Length') return `Length: ${(m.length ?? 0).toFixed(1)} ${m.mm ? 'mm' : 'px'}`;
  const name = m.tool === 'EllipticalRoi' ? 'Ellipse' : 'Rectangle';
  return `${name}: mean ${(m.mean ?? 0).toFixed(1)}${u}, SD ${(m.stdDev ?? 0).toFixed(1)}${u}, area ${(m.area ?? 0).toFixed(1)} ${m.mm ? 'mm²' : 'px²'}`;
}
