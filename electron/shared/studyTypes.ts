/** Domain types for studies, series and frames, shared by every room. */
import { z } from 'zod';

/** One series in the browser: Patient → Study → Series, with its frames' image ids in display order. */
export const seriesSummarySchema = z.object({
  patientName: z.string(),
  patientId: z.string(),
  studyInstanceUid: z.string(),
  studyDescription: z.string(),
  studyDate: z.string(),
  seriesInstanceUid: z.string(),
  seriesDescription: z.string(),
  seriesNumber: z.number().nullable(),
  modality: z.string(),
  /** `aegis:<instanceKey>:<frame>` ids, sorted by position along the normal, then instance number. */
  imageIds: z.array(z.string()),
  /** True when this series was written by Aegis (DERIVED, attacked). */
  derived: z.boolean(),
  /** For a derived series: the SOP Instance UID its first image was derived from (Source Image Sequence). */
  sourceInstanceUid: z.string().nullable().optional(),
  /** For a derived series: the series it was derived from, when that series is open. */
  sourceSeriesInstanceUid: z.string().nullable().optional(),
});
export type SeriesSummary = z.infer<typeof seriesSummarySchema>;

/** A file that did not load, and why, in plain words. */
export const loadFailureSchema = z.object({ path: z.string(), reason: z.string() });
export type LoadFailure = z.infer<typeof loadFailureSchema>;

/** Everything about a frame except its pixels. Units: mm for spacing, modality units for window. */
export const frameMetaSchema = z.object({
  imageId: z.string(),
  rows: z.number().int(),
  columns: z.number().int(),
  samplesPerPixel: z.number().int(),
  photometricInterpretation: z.string(),
  bitsAllocated: z.number().int(),
  bitsStored: z.number().int(),
  pixelRepresentation: z.number().int(),
  rescaleSlope: z.number(),
  rescaleIntercept: z.number(),
  windowCenter: z.number().nullable(),
  windowWidth: z.number().nullable(),
  pixelSpacing: z.tuple([z.number(), z.number()]).nullable(),
  minStored: z.number(),
  maxStored: z.number(),
  frameIndex: z.number().int(),
  numberOfFrames: z.number().int(),
  instanceNumber: z.number().nullable(),
  modality: z.string(),
});
export type FrameMeta = z.infer<typeof frameMetaSchema>;

/** A DICOM element for the tag browser; sequences carry their items as nested nodes. */
export interface TagNode {
  tag: string;
  vr: string;
  name: string;
  value: string;
  items?: TagNode[][];
}
export const tagNodeSchema: z.ZodType<TagNode> = z.lazy(() =>
  z.object({
    tag: z.string(),
    vr: z.string(),
    name: z.string(),
    value: z.string(),
    items: z.array(z.array(tagNodeSchema)).optional(),
  }),
);

/** Element type of the stored values in a 'frames.pixels' buffer. */
export const pixelDtypeSchema = z.enum(['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32']);
export type PixelDtype = z.infer<typeof pixelDtypeSchema>;

/**
 * What the renderer needs to view a 'frames.pixels' buffer as a typed array: the element type, the
 * geometry (pixels) and the smallest and largest value actually present in this frame (cornerstone's
 * min/maxPixelValue; not the Bits Stored range, which is FrameMeta.minStored/maxStored). When `color`
 * is true the buffer is 8-bit interleaved RGB (colour and palette images, converted from YBR or the
 * palette); otherwise it holds the stored values of a single sample, before the modality LUT.
 */
export const pixelMetaSchema = z.object({
  color: z.boolean(),
  dtype: pixelDtypeSchema,
  rows: z.number().int(),
  columns: z.number().int(),
  samplesPerPixel: z.number().int(),
  minValue: z.number(),
  maxValue: z.number(),
});
export type PixelMeta = z.infer<typeof pixelMetaSchema>;
