/**
 * Every job kind in one table: its name, the zod schema of its payload (what the back end submits)
 * and of its result (what 'job.finished' / 'jobs.get' carry). Engine, services, CLI and renderer
 * take payload and result types from here, never from each other. Pure TypeScript and zod.
 *
 * **Adding a job kind** (reader-study build, QA batch, fake generation, a new attack family …):
 *  1. Its result schema in ./jobResults.ts (strict objects; units in the JSDoc).
 *  2. One line in `JOB_KINDS` below: `'room.verb': { payload: …, result: … }` (payload schema here).
 *  3. Its `run` in the engine with `defineJob('room.verb', run)` (electron/engine/jobs/defineJob.ts),
 *     registered in electron/engine/jobs/productKinds.ts — or, for host-side work, finished through
 *     the services' JobStore with a result of `JobResultOf<'room.verb'>`.
 * The renderer then reads a typed result with `jobResult(job, 'room.verb')` and the contract's
 * `Job.result` accepts it. Payload schemas describe paths as absolute file-system paths.
 */
import { z } from 'zod';
import { DEFAULT_ATTACK_ID } from './attackCatalogue';
import {
  attackJobResultSchema,
  calibrationSummarySchema,
  demoStudyResultSchema,
  detectJobResultSchema,
  fakeJobResultSchema,
  marginJobResultSchema,
  modelDescribeResultSchema,
  modelPreviewResultSchema,
  predictResultSchema,
  saliencyResultSchema,
  studiesOpenResultSchema,
} from './jobResults';
import { attackMethodSchema, boundedAttackMethodSchema, catalogueSettingsSchema, saliencyParamsSchema } from './labTypes';
import { qaSummarySchema } from './qaSummary';
import { qaSessionPayloadSchema } from './qaTypes';

const path = z.string().min(1);
const norm = z.enum(['linf', 'l2']);

/** 'predict': a model (.onnx; metadata.json beside it optional) on one image (.dcm first frame, .png, or .npy model input). */
export const predictPayloadSchema = z.object({ model: path, image: path });

/**
 * 'attack': one attack on one DICOM image's first frame, written as a derived instance (new series,
 * same study) into `outDir` (created if missing; never overwrites). Budgets and step sizes in
 * normalised display units. `modelName`: words for the Derivation Description.
 */
export const attackPayloadSchema = z.object({
  model: path,
  image: path,
  method: attackMethodSchema,
  eps: z.number().min(0),
  norm,
  steps: z.number().int().min(1),
  alpha: z.number().positive().optional(),
  restarts: z.number().int().min(1).optional(),
  targetClass: z.number().int().min(0).optional(),
  finding: z.number().int().min(0).optional(),
  seed: z.number().int(),
  /** The catalogue attacks' own settings (query budget, physical budgets, …), as the lab sends them. */
  extra: catalogueSettingsSchema.optional(),
  outDir: path,
  modelName: z.string().default(''),
});

/** 'attack.margin': bisection on [0, maxEps] (normalised units) to `tolerance`, each probe a seeded early-stopping attack of `steps`. */
export const marginPayloadSchema = z.object({
  model: path,
  image: path,
  method: boundedAttackMethodSchema.default(DEFAULT_ATTACK_ID),
  norm: norm.default('linf'),
  maxEps: z.number().positive().max(1).default(0.1),
  tolerance: z.number().positive().default(0.001),
  steps: z.number().int().min(1).max(1000).default(20),
  seed: z.number().int().default(0),
});

/** 'saliency': a saliency map of the model's call on one image (.dcm, .png or .npy). */
export const saliencyPayloadSchema = saliencyParamsSchema.extend({ model: path, image: path });

/** 'detect': suspicion of one image (DICOM first frame or PNG) against the calibration.json in `calibrationDir`, made for this model file. */
export const detectPayloadSchema = z.object({ model: path, image: path, calibrationDir: path });

/**
 * 'detect.calibrate': detector calibration on ≥ 6 clean images at false-positive rate `fpr` (a
 * fraction), written into `outDir`; `provenance` (image ids, series UIDs) is kept in the summary.
 */
export const detectCalibratePayloadSchema = z.object({
  model: path,
  images: z.array(path).min(6),
  fpr: z.number().gt(0).lt(1).default(0.05),
  outDir: path,
  provenance: z.object({ imageIds: z.array(z.string()), seriesUids: z.array(z.string()) }).optional(),
});

/** 'model.describe': read a model file without running it. */
export const modelDescribePayloadSchema = z.object({ model: path });

/** 'model.preview': the tensor a model sees for one DICOM/PNG image; `metadata` (unsaved metadata.json content) is checked by the job against ModelMetadataSchema. */
export const modelPreviewPayloadSchema = z.object({ model: path, image: path, metadata: z.unknown().optional() });

/** 'demo.generate': write the demo study into `dir` (created if missing). */
export const demoStudyPayloadSchema = z.object({ dir: path });

/** 'studies.open': index files or folders (host-side, not an engine job). */
export const studiesOpenPayloadSchema = z.object({ paths: z.array(path).min(1) });

/**
 * 'fake': a lesion generator (`generator`: .onnx with metadata.json "kind": "generator") applied at
 * native pixel (col, row) of a DICOM image's first frame, optionally scored by `model` and refined by
 * PGD inside the edited region (`refine.eps` in normalised display units around the generated image),
 * written as a derived instance into `outDir`.
 */
export const fakePayloadSchema = z.object({
  generator: path,
  image: path,
  col: z.number().int().min(0),
  row: z.number().int().min(0),
  model: path.optional(),
  refine: z.object({ eps: z.number().positive().max(1), steps: z.number().int().min(1).max(1000) }).optional(),
  seed: z.number().int().default(0),
  outDir: path,
});

/** Every job kind: payload and result schemas, keyed by kind name ("room.verb"). */
export const JOB_KINDS = {
  predict: { payload: predictPayloadSchema, result: predictResultSchema },
  attack: { payload: attackPayloadSchema, result: attackJobResultSchema },
  'attack.margin': { payload: marginPayloadSchema, result: marginJobResultSchema },
  saliency: { payload: saliencyPayloadSchema, result: saliencyResultSchema },
  detect: { payload: detectPayloadSchema, result: detectJobResultSchema },
  'detect.calibrate': { payload: detectCalibratePayloadSchema, result: calibrationSummarySchema },
  'model.describe': { payload: modelDescribePayloadSchema, result: modelDescribeResultSchema },
  'model.preview': { payload: modelPreviewPayloadSchema, result: modelPreviewResultSchema },
  'demo.generate': { payload: demoStudyPayloadSchema, result: demoStudyResultSchema },
  fake: { payload: fakePayloadSchema, result: fakeJobResultSchema },
  'studies.open': { payload: studiesOpenPayloadSchema, result: studiesOpenResultSchema },
  /** 'readerStudies.generate': a reader study's missing attacked images, made on the host through 'attack.run' jobs. */
  'readerStudies.generate': {
    payload: z.object({ studyId: z.string().min(1), modelId: z.string().min(1) }),
    result: z.object({ studyId: z.string(), generated: z.number().int().min(0) }).strict(),
  },
  /** 'qa.session': a QA session (electron/shared/qaTypes), resumed from the workspace database; result: its summary. */
  'qa.session': { payload: qaSessionPayloadSchema, result: qaSummarySchema },
} as const;

/** A job kind's name. */
export type JobKindName = keyof typeof JOB_KINDS;
/** What the back end submits for kind K (before defaults). */
export type JobPayloadIn<K extends JobKindName> = z.input<(typeof JOB_KINDS)[K]['payload']>;
/** What kind K's run receives (defaults applied). */
export type JobPayloadOf<K extends JobKindName> = z.output<(typeof JOB_KINDS)[K]['payload']>;
/** What kind K returns. */
export type JobResultOf<K extends JobKindName> = z.infer<(typeof JOB_KINDS)[K]['result']>;

const results = Object.values(JOB_KINDS).map((k) => k.result);

/** Any job's result: one of the kinds' result schemas (strict, so the union never drops a field). */
export const jobResultSchema = z.union(results as unknown as [(typeof results)[number], ...(typeof results)[number][]]);
/** Any job's result. */
export type JobResult = { [K in JobKindName]: JobResultOf<K> }[JobKindName];

/** The result of a finished `job` of kind `kind`; throws when the job is of another kind or has no result. */
export function jobResult<K extends JobKindName>(job: { kind: string; result?: unknown }, kind: K): JobResultOf<K> {
  if (job.kind !== kind) throw new Error(`expected a "${kind}" job, got "${job.kind}"`);
  if (job.result === undefined) throw new Error(`the "${kind}" job has no result`);
  return job.result as JobResultOf<K>;
}
