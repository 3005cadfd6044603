/**
 * `metadata.json` of a lesion generator (a GAN that plants or removes a finding, as CT-GAN, Mirsky et
 * al. 2019, and Zhou et al. 2021 did): `"kind": "generator"` plus how to feed it and how to paste
 * its output back. Pure: both the engine and the UI read it.
 *
 * Conventions:
 * - `mode: "patch"`: the model sees a square patch of `patchSize` model pixels cut around the click,
 *   each model pixel `scale` native pixels wide (so the patch spans patchSize·scale native pixels).
 *   `mode: "image"`: the model sees the whole image resized to patchSize × patchSize.
 * - Intensities: modality values map onto [0, 1] through `intensity` (a window, or min–max of the
 *   image), then onto `range`, exactly as a classifier's metadata says.
 * - The mask: a disc of `mask.radius` model pixels at the patch centre (the click). Inside it the
 *   patch values are replaced by `mask.fill` (model units) before the model sees them; the mask
 *   itself reaches the model as channel 1 of the input (`mask.as: "channel"`, input [N, 2, P, P]), as a
 *   second input [N, 1, P, P] (`"input"`), or not at all (`"none"`, input [N, 1, P, P]); 1 = masked.
 * - The output is the edited patch [N, 1, P, P] in the same model units.
 * - Paste-back: the edit replaces the original inside `blend.inner` native pixels of the click and
 *   fades out with a raised cosine to nothing at `blend.outer`; no pixel farther away changes.
 */
import { z } from 'zod';
import { IntensityMappingSchema } from './modelMetadata';

/** How a generator is fed and pasted back. */
export const GeneratorSpecSchema = z.object({
  /** What it does: "insert" or "remove" a finding, or any other words ("edit"). */
  operation: z.string().min(1).default('edit'),
  mode: z.enum(['patch', 'image']).default('patch'),
  /** Side of the model's square input and output, model pixels. */
  patchSize: z.number().int().min(8),
  /** Native pixels per model pixel in patch mode (ignored in image mode). */
  scale: z.number().positive().default(1),
  mask: z
    .object({
      /** Radius of the masked disc at the patch centre, model pixels (0 = nothing masked). */
      radius: z.number().min(0).default(0),
      /** Value written into the masked pixels of the patch, model units. */
      fill: z.number().default(0),
      /** How the mask reaches the model. */
      as: z.enum(['channel', 'input', 'none']).default('none'),
    })
    .default({ radius: 0, fill: 0, as: 'none' }),
  intensity: IntensityMappingSchema.default({ kind: 'minmax' }),
  range: z.tuple([z.number(), z.number()]).default([0, 1]),
  /** Feathered paste-back: full replacement within `inner`, nothing changed beyond `outer`; native pixels. */
  blend: z.object({ inner: z.number().min(0), outer: z.number().positive() }).refine((b) => b.outer > b.inner, { message: 'blend.outer must be larger than blend.inner' }),
  /**
   * `keep`: the original's fine texture (noise, what the model's resolution cannot carry) stays, only
   * the coarse content is replaced; `replace`: the generated patch replaces everything in the region.
   */
  texture: z.enum(['keep', 'replace']).default('keep'),
});

/** A generator's metadata.json (unknown keys kept, e.g. the build report). */
export const GeneratorMetadataSchema = z
  .object({
    name: z.string().default(''),
    version: z.string().default('0.0.0'),
    description: z.string().default(''),
    kind: z.literal('generator'),
    modalities: z.array(z.string()).default([]),
    generator: GeneratorSpecSchema,
  })
  .loose();

/** A generator's metadata with defaults applied. */
export type GeneratorMetadata = z.infer<typeof GeneratorMetadataSchema>;
/** How a generator is fed and pasted back. */
export type GeneratorSpec = z.infer<typeof GeneratorSpecSchema>;

/** Whether a parsed metadata.json object declares a generator (`"kind": "generator"`). */
export function isGeneratorMetadata(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && (raw as { kind?: unknown }).kind === 'generator';
}
