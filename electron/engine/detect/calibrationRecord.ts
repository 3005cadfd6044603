import { z } from 'zod';

const vec = z.array(z.number());

/**
 * Schema of a detector calibration: everything the detectors need about one model's clean images,
 * tied to the model by the SHA-256 of its ONNX file. Stored as `calibration.json` in a directory.
 */
export const calibrationRecordSchema = z.object({
  format: z.literal('aegis-detect-calibration'),
  version: z.literal(1),
  /** SHA-256 (hex) of the model file the statistics were computed with. */
  modelHash: z.string().regex(/^[0-9a-f]{64}$/, 'modelHash must be a lowercase hex SHA-256'),
  /** ISO 8601 time of the calibration run. */
  createdAt: z.string(),
  /** Number of clean calibration images. */
  imageCount: z.number().int().positive(),
  /** Per feature layer (graph output name): Lee et al. class means and shrunk tied covariance. */
  mahalanobis: z.array(
    z.object({ layer: z.string(), dim: z.number().int().positive(), means: z.array(vec), covariance: vec, shrinkage: z.number() }),
  ),
  /** PaDiM per-position Gaussians on one spatial layer, or null when the model has none. */
  padim: z
    .object({
      layer: z.string(),
      height: z.number().int().positive(),
      width: z.number().int().positive(),
      channels: z.array(z.number().int().nonnegative()),
      means: vec,
      covariances: vec,
    })
    .nullable(),
  /** Feinman kernel density on the last hidden layer, or null. */
  kernelDensity: z
    .object({ layer: z.string(), bandwidth: z.number().positive(), dim: z.number().int().positive(), classFeatures: z.array(z.array(vec)) })
    .nullable(),
  /** Ma et al. LID: neighbours k and a clean reference minibatch per layer, or null. */
  lid: z.object({ k: z.number().int().positive(), layers: z.array(z.object({ layer: z.string(), reference: z.array(vec) })) }).nullable(),
  /** Settings of the model-free noise-residual map. */
  noiseResidual: z.object({ window: z.number().int().positive(), noiseFloor: z.number().positive() }),
  /** Logistic-regression layer over characteristics (fitted on clean, noisy and adversarial images), or null. */
  combiner: z
    .object({
      features: z.array(z.string()),
      model: z.object({ featureMeans: vec, featureScales: vec, weights: vec, intercept: z.number(), l2: z.number() }),
    })
    .nullable(),
  /** Combined-score calibration: target FPR, threshold, and per-detector clean reference scores. */
  suspicion: z.object({ fpr: z.number().min(0).max(1), threshold: z.number(), referenceScores: z.record(z.string(), vec) }),
});

/** A detector calibration (see {@link calibrationRecordSchema}). */
export type CalibrationRecord = z.infer<typeof calibrationRecordSchema>;

/** Serialises a calibration record to JSON text (validated first, so a bad record is never written). */
export function calibrationToJson(record: CalibrationRecord): string {
  return JSON.stringify(calibrationRecordSchema.parse(record));
}

/**
 * Parses and validates calibration JSON. When `modelHash` is given, a calibration made for another
 * model is refused with an instruction to recalibrate.
 *
 * @param source where the text came from, for error messages (e.g. the file path)
 */
export function calibrationFromJson(text: string, source: string, modelHash?: string): CalibrationRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source}: not valid JSON (${(e as Error).message}).`, { cause: e });
  }
  const parsed = calibrationRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${source}: not an Aegis detector calibration (${issue.path.join('.') || 'root'}: ${issue.message}).`);
  }
  if (modelHash !== undefined && parsed.data.modelHash !== modelHash) {
    throw new Error(
      `${source}: calibrated for model ${parsed.data.modelHash.slice(0, 12)}…, but this model is ${modelHash.slice(0, 12)}…; recalibrate with this model.`,
    );
  }
  return parsed.data;
}
