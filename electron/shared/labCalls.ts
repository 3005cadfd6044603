/**
 * The review and attack lab's part of the API contract (spread into `calls` in contract.ts): models,
 * predictions, saliency, attacks, their records and exports, and the demo workspace. Jobs answer
 * with `{ jobId }` at once; follow 'job.progress' / 'job.finished' (its `result` is documented per
 * call) and stop one with 'jobs.cancel'. Image ids are the viewer's ("aegis:<instance>:<frame>").
 */
import { z } from 'zod';
import {
  attackParamsSchema,
  attackPresetSchema,
  attackRecordSchema,
  boundedAttackMethodSchema,
  float32ArraySchema,
  modelEntrySchema,
  saliencyParamsSchema,
  startedJobSchema,
} from './labTypes';
import { calibrationSummarySchema } from './jobResults';
import { ModelMetadataSchema } from './modelMetadata';
import { seriesSummarySchema } from './studyTypes';

const on = { modelId: z.string().min(1), imageId: z.string().min(1) };

/** Lab calls, keyed by name. */
export const labCalls = {
  /**
   * Every model: bundled (native-models/<id>) then imported. The first call after a model appears
   * reads it in the engine (a 'model.describe' job, cached per file), so it may take a second.
   */
  'models.list': { input: z.object({}), output: z.object({ models: z.array(modelEntrySchema) }) },
  /**
   * Imports an .onnx file: copies it (with metadata.json and MODEL_CARD.md beside it, if any) into the
   * workspace and reads it. `needsMetadata` is true when no metadata.json came with it: the UI then
   * shows the settings form filled with `suggestedMetadata` (sizes from the ONNX input, classes
   * "class k") and saves the answers with 'models.saveMetadata'. Fails in plain words for a file that
   * is not an ONNX model.
   */
  'models.import': {
    input: z.object({ path: z.string().min(1) }),
    output: z.object({ model: modelEntrySchema, needsMetadata: z.boolean(), suggestedMetadata: ModelMetadataSchema }),
  },
  /** Saves the settings form as metadata.json beside an imported model (bundled models are read-only). */
  'models.saveMetadata': {
    input: z.object({ modelId: z.string().min(1), metadata: ModelMetadataSchema }),
    output: z.object({ model: modelEntrySchema }),
  },
  /**
   * The exact tensor the model will see for an image: NCHW `shape` (batch 1) and `tensor` (row-major,
   * model units, after intensity mapping, resize, channels and mean/std), with its min and max. Pass
   * `metadata` to preview unsaved form answers. Runs as an engine job and resolves with its result
   * (it waits behind a running attack).
   */
  'models.preview': {
    input: z.object({ ...on, metadata: ModelMetadataSchema.optional() }),
    output: z.object({ inputName: z.string(), shape: z.array(z.number().int()), tensor: float32ArraySchema, min: z.number(), max: z.number() }),
  },
  /**
   * Starts a prediction (job kind 'predict'). Result: { provider, classes, probabilities, logits,
   * decision, outputKind, inputShape, outputShape } (segmentation: pixelFractions instead).
   */
  'predict.run': { input: z.object(on), output: startedJobSchema },
  /**
   * Starts a saliency map (job kind 'saliency'). SmoothGrad: `samples` (default 50) and
   * `sigmaFraction` of the input range (default 0.15); IG: `steps` (default 50); Grad-CAM/HiResCAM:
   * `layer` (default: the last spatial feature map); `sanity`: also run the weight-randomisation
   * check (Adebayo et al. 2018). Result: { map (Float32Array, row-major on the image's pixels), width,
   * height, method, params, classIndex, className, note, completeness, sanity, seconds }.
   */
  'saliency.run': {
    input: saliencyParamsSchema.extend(on),
    output: startedJobSchema,
  },
  /**
   * Starts an attack (job kind 'attack'; parameters as in attacks.presets, budgets in normalised
   * display units). When the job is done, 'attacks.get' { attackId } resolves with the stored record
   * — call it before 'studies.list': it waits until the derived series (derived: true, image id
   * `record.derived.imageId`) is indexed. The job's own result has the same numbers without ids.
   */
  'attack.run': {
    input: attackParamsSchema.extend(on),
    output: z.object({ jobId: z.string(), attackId: z.string() }),
  },
  /**
   * Starts a robustness-margin search (job kind 'attack.margin'): bisection on [0, maxEps] (default
   * 0.1) until the bracket is narrower than `tolerance` (default 0.001), each probe a seeded attack
   * (default PGD, 20 steps, early stop) judged after quantisation. Result: { margin (null when maxEps
   * does not flip the call), robustUpTo, probes [{eps, flipped}], method, norm, seconds }.
   */
  'attack.margin': {
    input: z.object({
      ...on,
      method: boundedAttackMethodSchema.optional(),
      norm: z.enum(['linf', 'l2']).optional(),
      maxEps: z.number().positive().max(1).optional(),
      tolerance: z.number().positive().optional(),
      steps: z.number().int().min(1).max(1000).optional(),
      seed: z.number().int().optional(),
    }),
    output: startedJobSchema,
  },
  /** Attack settings from the literature, with their references, in menu order. */
  'attacks.presets': { input: z.object({}), output: z.object({ presets: z.array(attackPresetSchema) }) },
  /** Stored attack records, newest first: of a study, of an image (original or derived), or all. */
  'attacks.list': {
    input: z.object({ studyInstanceUid: z.string().optional(), imageId: z.string().optional() }),
    output: z.object({ attacks: z.array(attackRecordSchema) }),
  },
  /** One attack record; waits while it is still being stored after its job ended. */
  'attacks.get': { input: z.object({ attackId: z.string().min(1) }), output: attackRecordSchema },
  /**
   * The perturbation for the compare view: attacked − original in stored values (row-major,
   * interleaved for colour); divide by `dataRange` for normalised units; `maxAbs` for a symmetric
   * diverging colormap.
   */
  'attacks.perturbation': {
    input: z.object({ attackId: z.string().min(1) }),
    output: z.object({
      attackId: z.string(),
      width: z.number().int(),
      height: z.number().int(),
      channels: z.number().int(),
      dataRange: z.number(),
      maxAbs: z.number(),
      data: float32ArraySchema,
    }),
  },
  /**
   * Writes the record as JSON into the absolute `folder` as `fileName` (default attack-<id>.json);
   * never overwrites. Where-to-write problems come back as 'bad-input' in plain words.
   */
  'attacks.exportJson': {
    input: z.object({ attackId: z.string().min(1), folder: z.string().min(1), fileName: z.string().min(1).optional() }),
    output: z.object({ path: z.string() }),
  },
  /**
   * Copies the derived DICOM into the absolute `folder` as `fileName` (default <SOPInstanceUID>.dcm);
   * with `deidentify`, de-identified for sharing (PS3.15 Basic Profile; its 99AEGIS ADVERSARIAL
   * derivation code stays). Never overwrites; where-to-write problems are 'bad-input'.
   */
  'attacks.exportDicom': {
    input: z.object({ attackId: z.string().min(1), folder: z.string().min(1), fileName: z.string().min(1).optional(), deidentify: z.boolean().optional() }),
    output: z.object({ path: z.string() }),
  },
  /**
   * Calibrates the model's adversarial-suspicion detectors on clean images (job kind
   * 'detect.calibrate', at least 6 image ids, ideally 50 or more; `fpr` is the target false-positive
   * rate of the flag, default 0.05). Result: { modelHash, images, fpr, createdAt }.
   */
  'detect.calibrate': {
    input: z.object({ modelId: z.string().min(1), imageIds: z.array(z.string().min(1)).min(6), fpr: z.number().gt(0).lt(1).optional() }),
    output: startedJobSchema,
  },
  /**
   * What the model's suspicion calibration rests on, or `calibration: null` before 'detect.calibrate':
   * the stated FPR (a fraction) and the rate achieved on its `referenceImages` clean references (k of
   * n with Wilson 95 % bounds). With `imageId`, `overlap` says whether that image, or its series, was
   * among the calibration images (its score is then biased towards clean).
   */
  'detect.calibration': {
    input: z.object({ modelId: z.string().min(1), imageId: z.string().min(1).optional() }),
    output: z.object({
      calibration: z
        .object({ ...calibrationSummarySchema.omit({ imageIds: true, seriesUids: true }).shape, overlap: z.enum(['image', 'series']).nullable() })
        .nullable(),
    }),
  },
  /**
   * The suspicion score of an image, shown next to the prediction (job kind 'detect'; fails plainly
   * when the model is not calibrated). Result: { decision, probabilities, combined, threshold, fpr,
   * flagged, combinerLogit, detectors, calibration: { modelHash, images, createdAt }, heatmap: { kind
   * ('padim' | 'noise-residual'), width, height, data (Float32Array on the image's pixels) } }.
   * Scores are in decades of rarity among clean images (mean −log₁₀ clean tail probability).
   */
  'detect.run': { input: z.object(on), output: startedJobSchema },
  /**
   * Whether to offer the demo: `firstStart` when nothing has been opened in this workspace yet;
   * `written` when the demo study already exists at `path`.
   */
  'app.demoStatus': { input: z.object({}), output: z.object({ firstStart: z.boolean(), written: z.boolean(), path: z.string() }) },
  /**
   * Opens the demo: writes the synthetic demo study into the workspace once (a 'demo.generate' job,
   * a few seconds), indexes it, and lists the bundled models.
   */
  'app.demo': {
    input: z.object({}),
    output: z.object({ studyPaths: z.array(z.string()), series: z.array(seriesSummarySchema), models: z.array(modelEntrySchema), generated: z.boolean() }),
  },
} as const;
