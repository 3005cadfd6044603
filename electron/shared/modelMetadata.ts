/**
 * `metadata.json` beside a model (ARCHITECTURE.md, "Model metadata"): MONAI-bundle-like
 * `network_data_format` plus what a DICOM pipeline needs. Every field has a default, so an absent
 * or partial file still describes a usable model.
 */
import { z } from 'zod';

/** How stored/modality values map onto the model's intensity range. */
export const IntensityMappingSchema = z.discriminatedUnion('kind', [
  /** Window centre/width in modality units (e.g. HU), mapped onto `range`. */
  z.object({ kind: z.literal('window'), center: z.number(), width: z.number().positive() }),
  /** Per-image min–max of modality values onto `range`. */
  z.object({ kind: z.literal('minmax') }),
]);

/** One model input as the pipeline prepares it. */
export const ModelInputSchema = z.object({
  /** Graph input name; default: the model's first input. */
  name: z.string().optional(),
  /** Spatial size [height, width] in pixels; default: from the ONNX input shape. */
  size: z.tuple([z.number().int().positive(), z.number().int().positive()]).optional(),
  /** Channels the model expects: 1 (grey) or 3 (grey repeated). */
  channels: z.union([z.literal(1), z.literal(3)]).default(1),
  /** Intensity mapping from modality values. */
  intensity: IntensityMappingSchema.default({ kind: 'minmax' }),
  /** Value range the mapping lands in, e.g. [0, 1] or TorchXRayVision's [-1024, 1024]. */
  range: z.tuple([z.number(), z.number()]).default([0, 1]),
  /** Per-channel normalisation applied after the mapping: (x − mean) / std. */
  mean: z.array(z.number()).default([0]),
  std: z.array(z.number().positive()).default([1]),
});

/** What the model output means. */
export const OutputKindSchema = z.enum(['probabilities', 'logits', 'multilabel-logits', 'segmentation']);

/** One model output. */
export const ModelOutputSchema = z.object({
  /** Graph output name; default: the model's first output. */
  name: z.string().optional(),
  kind: OutputKindSchema.default('logits'),
  /** Class names, index-aligned with the class axis. */
  classes: z.array(z.string()).default([]),
});

/** The whole metadata.json (unknown keys kept). */
export const ModelMetadataSchema = z
  .object({
    name: z.string().default(''),
    version: z.string().default('0.0.0'),
    description: z.string().default(''),
    /** DICOM modality codes the model is meant for (e.g. ["CR", "DX"]); empty = any. */
    modalities: z.array(z.string()).default([]),
    network_data_format: z
      .object({
        inputs: z.record(z.string(), ModelInputSchema).default({}),
        outputs: z.record(z.string(), ModelOutputSchema).default({}),
      })
      .default({ inputs: {}, outputs: {} }),
  })
  .loose();

/** Parsed metadata with defaults applied. */
export type ModelMetadata = z.infer<typeof ModelMetadataSchema>;
/** One input's preparation. */
export type ModelInputMetadata = z.infer<typeof ModelInputSchema>;
/** One output's meaning. */
export type ModelOutputMetadata = z.infer<typeof ModelOutputSchema>;
