/**
 * Recipes of the two demo lesion generators `npm run models` builds: the paste-back spec their
 * metadata.json carries, the phantom seeds they train and are evaluated on, and the GAN
 * hyper-parameters. Tests and `npm run bench` read the evaluation definitions from here.
 */
import type { GeneratorSpec } from '../../electron/shared/generatorMetadata';
import { DEMO_WINDOW } from '../../electron/engine/phantoms/phantomDataset';
import { GAN_PATCH } from './lesionGanGraphs';

/** Insert plants a nodule at the click; remove erases the nodule at the click. */
export type LesionOperation = 'insert' | 'remove';

/** Recipe of one demo generator. */
export interface GeneratorRecipe {
  id: string;
  operation: LesionOperation;
  title: string;
  seed: number;
  steps: number;
  batch: number;
  peakLr: number;
  discriminatorLr: number;
  weightDecay: number;
  warmup: number;
  /** Weight of the L1 term next to the LSGAN term (pix2pix and CT-GAN use 100). */
  l1Weight: number;
  /** Weight of an L1 pixel inside the mask relative to a context pixel (the context is mostly copied through). */
  centreWeight: number;
}

/** The phantom pairs both generators train and are measured on. */
export const GAN_DATA = {
  /** Phantom anatomies trained on (each with and without a nodule), seeds trainFirstSeed… */
  trainPairs: 250,
  trainFirstSeed: 3_000_001,
  /** Seed of the remove set's click offsets. */
  seed: 20260105,
  /** Largest random offset of the click from the nodule centre in the remove set, native pixels. */
  jitter: 3,
  /** Fresh phantom anatomies the cards are measured on (never trained on), seeds evalFirstSeed… */
  evalPairs: 120,
  evalFirstSeed: 3_500_001,
  /** Clean phantoms the suspicion detectors are calibrated on (seeds suspicionCalibrationFirstSeed…, odd = nodule). */
  suspicionCalibration: 40,
  suspicionCalibrationFirstSeed: 3_700_001,
  /** Of the evaluation pairs, how many the detectors score (with their fakes). */
  suspicionPairs: 30,
} as const;

/** How the demo generators are fed and pasted back (metadata.json "generator"). */
export const DEMO_GENERATOR_SPEC: GeneratorSpec = {
  operation: 'edit',
  mode: 'patch',
  patchSize: GAN_PATCH,
  scale: 3,
  mask: { radius: 7.5, fill: 0, as: 'channel' },
  intensity: { kind: 'window', center: DEMO_WINDOW.center, width: DEMO_WINDOW.width },
  range: [0, 1],
  blend: { inner: 22, outer: 30 },
  texture: 'keep',
};

const common = {
  steps: 500,
  batch: 16,
  peakLr: 2e-3,
  discriminatorLr: 1e-3,
  weightDecay: 1e-4,
  warmup: 30,
  l1Weight: 100,
  centreWeight: 5,
} as const;

/** The nodule-inserting generator. */
export const INSERT_GENERATOR: GeneratorRecipe = {
  ...common,
  id: 'demo-lesion-insert',
  operation: 'insert',
  title: 'Aegis demo lesion generator: insert a nodule (synthetic phantoms)',
  seed: 20260103,
};

/** The nodule-removing generator. */
export const REMOVE_GENERATOR: GeneratorRecipe = {
  ...common,
  id: 'demo-lesion-remove',
  operation: 'remove',
  title: 'Aegis demo lesion generator: remove a nodule (synthetic phantoms)',
  seed: 20260104,
};

/** First seed of the phantoms `npm run bench` measures fool rates on (never trained or carded on). */
export const BENCH_FIRST_SEED = 3_800_001;
