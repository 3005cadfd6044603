/**
 * The recipes `npm run models` follows: data sizes, seeds and hyper-parameters of the three demo
 * models. Tests and `aegis evaluate` read the held-out definitions from here, so a card's numbers
 * can be recomputed from the same seeds.
 */
import { SPLITS } from './data/phantomDataset';

/** Recipe of a demo classifier. */
export interface ClassifierRecipe {
  id: string;
  title: string;
  summary: string;
  seed: number;
  trainImages: number;
  evalImages: number;
  steps: number;
  batch: number;
  peakLr: number;
  weightDecay: number;
  warmup: number;
  adversarialEps: number;
  attackEps: readonly number[];
  attackSteps: number;
  attackSeed: number;
  /** Training images the decision threshold is calibrated on. */
  calibrationImages: number;
}

/** Recipe of the demo segmenter. */
export interface SegmenterRecipe {
  id: string;
  title: string;
  seed: number;
  trainImages: number;
  evalImages: number;
  steps: number;
  batch: number;
  peakLr: number;
  weightDecay: number;
  warmup: number;
}

const common = {
  seed: 20260101,
  trainImages: 1600,
  evalImages: 300,
  batch: 32,
  weightDecay: 1e-4,
  warmup: 40,
  attackEps: [0.005, 0.01, 0.02],
  attackSteps: 10,
  attackSeed: 7,
  calibrationImages: 600,
} as const;

/** The standard classifier. */
export const CLASSIFIER: ClassifierRecipe = {
  ...common,
  id: 'demo-nodule-classifier',
  title: 'Aegis demo nodule classifier (synthetic phantoms)',
  summary: 'A small CNN that says whether a synthetic chest phantom contains a pulmonary nodule, trained normally.',
  steps: 900,
  peakLr: 5e-3,
  adversarialEps: 0,
};

/** The adversarially trained variant (the paper's main defence). */
export const ROBUST_CLASSIFIER: ClassifierRecipe = {
  ...common,
  id: 'demo-nodule-classifier-robust',
  title: 'Aegis demo nodule classifier, adversarially trained (synthetic phantoms)',
  summary: 'The same CNN trained on FGSM adversarial examples with a random start, to show what adversarial training buys and costs.',
  steps: 500,
  peakLr: 5e-3,
  adversarialEps: 0.02,
};

/** The lung U-Net. */
export const SEGMENTER: SegmenterRecipe = {
  id: 'demo-lung-unet',
  title: 'Aegis demo lung-field U-Net (synthetic phantoms)',
  seed: 20260102,
  trainImages: 400,
  evalImages: 100,
  steps: 400,
  batch: 8,
  peakLr: 3e-3,
  weightDecay: 1e-4,
  warmup: 30,
};

/** First seeds of the splits (training, held-out validation, fresh re-check). */
export { SPLITS };
