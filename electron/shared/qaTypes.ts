/**
 * QA sessions (how robust is a model on our own labelled images?): the session configuration, the
 * defences and detectors a session can apply, and one stored per-item result. Pure data; the engine
 * (electron/engine/qa) computes, the services store, the CLI and the QA mode show.
 */
import { z } from 'zod';
import { ATTACK_IDS, attackEntry, DEFAULT_ATTACK_ID } from './attackCatalogue';

/** Input-transformation defences a session can measure, listed once (id → what it does). Images are in the normalised display range [0, 1]. */
export const QA_DEFENCES = {
  median: { label: 'Median filter 3×3', reference: 'Xu, Evans & Qi 2018 (feature squeezing, smoothing)' },
  bitdepth: { label: 'Bit-depth reduction to 5 bits', reference: 'Xu, Evans & Qi 2018 (feature squeezing, ImageNet setting)' },
  jpeg: { label: 'JPEG re-compression, quality 75', reference: 'Das et al. 2017; Guo et al. 2018' },
  tv: { label: 'Total-variation denoising (Chambolle)', reference: 'Guo et al. 2018; Chambolle 2004' },
} as const;
export type QaDefenceId = keyof typeof QA_DEFENCES;
export const QA_DEFENCE_IDS = Object.keys(QA_DEFENCES) as [QaDefenceId, ...QaDefenceId[]];

/** Detectors a session can score without a calibration set (id → what it measures). */
export const QA_DETECTORS = {
  squeeze: { label: 'Feature squeezing (max L1 change of probabilities)', reference: 'Xu, Evans & Qi 2018 (NDSS)' },
  'noise-residual': { label: 'High-pass noise residual energy', reference: 'Aegis suspicion map, model-free' },
} as const;
export type QaDetectorId = keyof typeof QA_DETECTORS;
export const QA_DETECTOR_IDS = Object.keys(QA_DETECTORS) as [QaDetectorId, ...QaDetectorId[]];

/** Catalogue attacks a session can sweep over budgets: those whose budget bounds the result. */
export const qaAttackSchema = z.enum(ATTACK_IDS).refine((id) => attackEntry(id).epsBounded, {
  message: 'a QA session sweeps budgets, so it needs an attack that eps bounds (not a minimum-norm attack such as C&W or DeepFool)',
});

/** One QA session's configuration. Budgets are L∞ in normalised display units (0.02 = 2 % of the window). */
export const qaConfigSchema = z.object({
  /** Absolute paths of the .onnx models (metadata.json beside each). */
  models: z.array(z.string().min(1)).min(1),
  /** Folder of the images (DICOM or PNG); the labels CSV names files relative to it. */
  dataDir: z.string().min(1),
  /** CSV with a header `file,label` (optionally `,mask` for segmentation). */
  labels: z.string().min(1),
  attacks: z.array(qaAttackSchema).default([DEFAULT_ATTACK_ID]),
  eps: z.array(z.number().gt(0).max(1)).min(1),
  /** Iterations per attack; default the catalogue's batch steps (PGD 10). */
  steps: z.number().int().min(1).max(1000).optional(),
  /** Base seed: image i's attack seed is derived from it and the image's content hash. */
  seed: z.number().int().default(7),
  defences: z.array(z.enum(QA_DEFENCE_IDS)).default([]),
  detectors: z.array(z.enum(QA_DETECTOR_IDS)).default([]),
});
export type QaConfig = z.infer<typeof qaConfigSchema>;
export type QaConfigInput = z.input<typeof qaConfigSchema>;

/**
 * One computed item: (model hash, image, attack, budget, seed). `attack` 'clean' (eps 0) holds the
 * clean scores. Logits are the tensor the model is attacked on; for segmentation, `dice`/`iou` replace them.
 */
export interface QaItemResult {
  /** Stable key of the item (see engine/qa/itemKey). */
  key: string;
  modelHash: string;
  /** Image path relative to the data folder, and sha256 of its bytes. */
  image: string;
  imageHash: string;
  attack: 'clean' | (typeof ATTACK_IDS)[number];
  eps: number;
  seed: number;
  steps: number;
  /** True class index (classification) or −1 (segmentation). */
  label: number;
  /** Classification: the output vector after quantisation to stored values (attacked items). */
  logits: number[] | null;
  decision: number | null;
  /** Attacked items: SSIM and PSNR (dB) of the stored result vs the original; null for clean items. */
  ssim: number | null;
  psnr: number | null;
  /** Attacked items: whether the goal held after quantisation (the decision left the true label). */
  success: boolean | null;
  /** Logits after each requested defence (defence id → vector). */
  defences: Record<string, number[]>;
  /** Score of each requested detector (larger = more suspicious). */
  detectors: Record<string, number>;
  /** Attacked items: logits of every other model on this item's attacked image (target model hash → vector). */
  transfer: Record<string, number[]>;
  /** Segmentation: Dice and IoU of the foreground (class > 0) vs the reference mask. */
  dice: number | null;
  iou: number | null;
}

/** 'qa.session' job payload: the session, the workspace database it stores items in, and where to write the report and results (absolute paths). */
export const qaSessionPayloadSchema = z.object({
  config: qaConfigSchema,
  database: z.string().min(1),
  report: z.string().min(1).optional(),
  outDir: z.string().min(1).optional(),
  appVersion: z.string().default(''),
});
