/**
 * What each job kind returns, as zod schemas (the types are inferred from them). Engine, services,
 * CLI and renderer all take these types from here; the engine checks every product job's result
 * against its schema before it leaves the job (electron/engine/jobs/defineJob). Objects are strict:
 * a field the schema does not name is an error, not silently dropped. Pure TypeScript and zod.
 * Units are stated per field; probabilities are fractions in [0, 1].
 */
import { z } from 'zod';
import { ATTACK_IDS } from './attackCatalogue';

const float32Array = z.custom<Float32Array>((v) => v instanceof Float32Array, 'expected a Float32Array');
const decision = z.union([z.number().int(), z.array(z.number().int())]);
const norm = z.enum(['linf', 'l2']);
const dims = z.array(z.union([z.number(), z.string()]));

/** 'predict': the output read, and per-class probabilities (classifier) or per-class pixel fractions (segmenter). */
export const predictResultSchema = z.strictObject({
  provider: z.string(),
  /** The tensor read (the last differentiable one when the model ends in post-processing). */
  output: z.string(),
  outputReason: z.string().nullable(),
  outputKind: z.string(),
  inputShape: z.array(z.number()),
  outputShape: z.array(z.number()),
  classes: z.array(z.string()),
  /** Classification: raw output values. */
  logits: z.array(z.number()).optional(),
  /** Classification: softmax over classes, or per-class sigmoid for multi-label logits. */
  probabilities: z.array(z.number()).optional(),
  /** Classification: the argmax class, or every class with p ≥ 0.5 for multi-label. */
  decision: decision.optional(),
  /** Segmentation: the fraction of pixels whose argmax is each class. */
  pixelFractions: z.array(z.number()).optional(),
});
export type PredictResult = z.infer<typeof predictResultSchema>;

const normsSchema = z.strictObject({ linf: z.number(), l2: z.number(), l0: z.number() });

/**
 * The scores and measures of one attacked image: before, before quantisation and after (what the
 * written file produces), norms in stored and normalised units, SSIM and PSNR (dB, null when
 * undefined) with one normalised unit as the data range (`dataRange`, stored values). Segmentation:
 * `pixelsKept` (fraction of pixels keeping their class) instead of decisions.
 */
export const attackScoresSchema = z.strictObject({
  decisionBefore: decision.nullable(),
  decisionAfter: decision.nullable(),
  probabilitiesBefore: z.array(z.number()).nullable(),
  probabilitiesBeforeQuantisation: z.array(z.number()).nullable(),
  probabilitiesAfter: z.array(z.number()).nullable(),
  pixelsKept: z.number().nullable(),
  successBeforeQuantisation: z.boolean(),
  success: z.boolean(),
  norms: z.strictObject({ stored: normsSchema, normalised: normsSchema }),
  ssim: z.number().nullable(),
  psnr: z.number().nullable(),
  dataRange: z.number(),
  iterations: z.number().int(),
  /** Query attacks: forward passes used. */
  queries: z.number().int().optional(),
  /** Worst case over methods: the attack whose result this is ('apgd', 'square'; "(failed)" when none succeeded). */
  winner: z.string().optional(),
  /** Segmentation: Dice and IoU of the foreground classes against the clean prediction, before (1) and after quantisation, and of the float result. */
  overlap: z
    .strictObject({ diceBefore: z.number(), iouBefore: z.number(), diceBeforeQuantisation: z.number(), iouBeforeQuantisation: z.number(), diceAfter: z.number(), iouAfter: z.number() })
    .optional(),
  /** Wall time of the attack, seconds. */
  seconds: z.number(),
});
export type AttackScores = z.infer<typeof attackScoresSchema>;

/** 'attack': the settings used, the scores ({@link attackScoresSchema}) and the derived DICOM written. */
export const attackJobResultSchema = z.strictObject({
  provider: z.string(),
  classes: z.array(z.string()),
  method: z.enum(ATTACK_IDS),
  norm,
  /** Budget in normalised display units (0 for minimum-norm attacks). */
  eps: z.number(),
  steps: z.number().int(),
  seed: z.number().int(),
  ...attackScoresSchema.shape,
  derived: z.strictObject({ path: z.string(), sopInstanceUid: z.string(), seriesInstanceUid: z.string(), imageId: z.string() }),
});
export type AttackJobResult = z.infer<typeof attackJobResultSchema>;

/** 'attack.margin': the smallest flipping budget (normalised units; null when even maxEps does not flip the call) and every probe. */
export const marginJobResultSchema = z.strictObject({
  method: z.enum(ATTACK_IDS),
  norm,
  maxEps: z.number(),
  tolerance: z.number(),
  margin: z.number().nullable(),
  robustUpTo: z.number(),
  probes: z.array(z.strictObject({ eps: z.number(), flipped: z.boolean() })),
  /** Wall time, seconds. */
  seconds: z.number(),
});
export type MarginJobResult = z.infer<typeof marginJobResultSchema>;

/**
 * 'detect.calibrate': what a detector calibration rests on, as stated next to every suspicion score.
 * `fpr` is the stated rate (a fraction); `fprAchieved` the rate on the `referenceImages` clean
 * references (k of n, Wilson 95 % bounds); `imageIds` / `seriesUids` where the images came from;
 * `createdAt` ISO 8601.
 */
export const calibrationSummarySchema = z.strictObject({
  modelHash: z.string(),
  images: z.number().int(),
  fpr: z.number(),
  createdAt: z.string(),
  referenceImages: z.number().int().optional(),
  fprAchieved: z.strictObject({ k: z.number().int(), n: z.number().int(), lower: z.number(), upper: z.number() }).optional(),
  imageIds: z.array(z.string()).optional(),
  seriesUids: z.array(z.string()).optional(),
});
export type CalibrationSummary = z.infer<typeof calibrationSummarySchema>;

/**
 * 'detect': one image's suspicion. `combined` and per-detector scores are in decades of rarity among
 * clean images (mean −log₁₀ tail probability); `flagged` when `combined` exceeds the threshold
 * calibrated for `fpr` (a fraction). `heatmap`: row-major on the image's pixels — PaDiM distance in
 * standard deviations when the model has a spatial feature map, else the noise-residual ratio.
 */
export const detectJobResultSchema = z.strictObject({
  decision: z.number().int(),
  probabilities: z.array(z.number()),
  combined: z.number(),
  threshold: z.number(),
  fpr: z.number(),
  flagged: z.boolean(),
  combinerLogit: z.number().nullable(),
  detectors: z.record(z.string(), z.number()),
  calibration: z.strictObject({ modelHash: z.string(), images: z.number().int(), createdAt: z.string() }),
  heatmap: z.strictObject({ kind: z.enum(['padim', 'noise-residual']), width: z.number().int(), height: z.number().int(), data: float32Array }),
});
export type DetectJobResult = z.infer<typeof detectJobResultSchema>;

/** 'saliency': the map on the image's own pixel grid (row-major, unitless, scaled per method), the method and its checks. */
export const saliencyResultSchema = z.strictObject({
  method: z.string(),
  params: z.record(z.string(), z.union([z.number(), z.string()])),
  classIndex: z.number().int(),
  className: z.string(),
  note: z.string().nullable(),
  map: float32Array,
  /** Map width and height in image pixels. */
  width: z.number().int(),
  height: z.number().int(),
  /** IG: Σ attributions vs f(x) − f(baseline) (Sundararajan et al. 2017). */
  completeness: z.strictObject({ attributionSum: z.number(), scoreDifference: z.number(), relativeGap: z.number() }).nullable(),
  /** Adebayo et al. 2018: similarity of the map with randomised weights; `passed` = it changed. */
  sanity: z.strictObject({ spearmanAbs: z.number(), ssim: z.number().nullable(), passed: z.boolean() }).nullable(),
  /** Wall time of the computation, seconds. */
  seconds: z.number(),
});
export type SaliencyResult = z.infer<typeof saliencyResultSchema>;

/** 'model.describe': what the lab shows about a model file, without running it. Shapes: numbers, or strings for dynamic dimensions. */
export const modelDescribeResultSchema = z.strictObject({
  /** sha256 (hex) of the .onnx bytes followed by its external data. */
  hash: z.string(),
  inputs: z.array(z.strictObject({ name: z.string(), type: z.string(), shape: dims })),
  outputs: z.array(z.strictObject({ name: z.string(), type: z.string(), shape: dims })),
  opset: z.number().int(),
  differentiable: z.boolean(),
  unsupportedOps: z.array(z.string()),
  gradientOutput: z.string().nullable(),
  gradientOutputReason: z.string().nullable(),
  /** External-data files the model references, relative to its folder. */
  externalFiles: z.array(z.string()),
});
export type ModelDescribeResult = z.infer<typeof modelDescribeResultSchema>;

/** 'model.preview': the model input (NCHW shape, batch 1; values row-major in the model's units) and its range. */
export const modelPreviewResultSchema = z.strictObject({ inputName: z.string(), shape: z.array(z.number().int()), tensor: float32Array, min: z.number(), max: z.number() });
export type ModelPreviewResult = z.infer<typeof modelPreviewResultSchema>;

/** 'demo.generate': the files written, in order (absolute paths). */
export const demoStudyResultSchema = z.strictObject({ files: z.array(z.string()) });
export type DemoStudyResult = z.infer<typeof demoStudyResultSchema>;

/** 'studies.open' (host-side indexing): counts of what was indexed. */
export const studiesOpenResultSchema = z.strictObject({ series: z.number().int(), images: z.number().int(), failures: z.number().int(), scanned: z.number().int() });
export type StudiesOpenResult = z.infer<typeof studiesOpenResultSchema>;

/**
 * 'fake': a generator fake (lesion insert/removal) at a click — the region (native pixels: full
 * replacement within `inner`, nothing changed at or beyond `outer`), the edit's size and SSIM/PSNR
 * (whole image, `dataRange` stored units), the model's call before and after (null without a model or
 * for segmenters) and the derived DICOM written.
 */
export const fakeJobResultSchema = z.strictObject({
  generator: z.strictObject({ path: z.string(), name: z.string(), operation: z.string(), provider: z.string() }),
  region: z.strictObject({ col: z.number().int(), row: z.number().int(), inner: z.number(), outer: z.number() }),
  changedPixels: z.number().int(),
  ssim: z.number().nullable(),
  psnr: z.number().nullable(),
  dataRange: z.number(),
  classes: z.array(z.string()).nullable(),
  decisionBefore: z.number().int().nullable(),
  decisionAfterGenerator: z.number().int().nullable(),
  decisionAfter: z.number().int().nullable(),
  probabilitiesBefore: z.array(z.number()).nullable(),
  probabilitiesAfter: z.array(z.number()).nullable(),
  refine: z.strictObject({ eps: z.number(), steps: z.number().int(), seed: z.number().int(), target: z.number().int() }).nullable(),
  derived: z.strictObject({ path: z.string(), sopInstanceUid: z.string(), seriesInstanceUid: z.string(), imageId: z.string() }),
});
export type FakeJobResult = z.infer<typeof fakeJobResultSchema>;
