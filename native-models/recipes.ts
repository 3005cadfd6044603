/**
 * The recipes `npm run models` follows: data sizes, seeds and hyper-parameters of the three demo
 * models. Tests and `aegis evaluate` read the held-out definitions from here, so a card's numbers
 * can be recomputed from the same seeds.
 */
import { SPLITS } from '../electron/engine/phantoms/phantomDataset';

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
  /** Adversarial fine-tuning of another recipe's trained model instead of training from fresh weights. */
  adversarial?: AdversarialRecipe;
  attackEps: readonly number[];
  attackSteps: number;
  attackSeed: number;
  /** Training images the decision threshold is calibrated on. */
  calibrationImages: number;
}

/** How a robust classifier is made from a trained one. */
export interface AdversarialRecipe {
  /** Recipe id of the trained model it starts from (read from `<out>/<base>/model.onnx`). */
  base: string;
  /** L∞ training budget in model-input units; the threshold is calibrated on training images attacked at it. */
  eps: number;
  /** PGD iterations per training batch. */
  attackSteps: number;
  /** Weight of the evidence-map loss next to the image-level loss. */
  mapWeight: number;
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
};

/**
 * The adversarially trained variant (the paper's main defence): the standard model fine-tuned on
 * PGD-3 examples at ε = 0.01, its decision threshold chosen on training images attacked at ε = 0.01.
 */
export const ROBUST_CLASSIFIER: ClassifierRecipe = {
  ...common,
  id: 'demo-nodule-classifier-robust',
  title: 'Aegis demo nodule classifier, adversarially trained (synthetic phantoms)',
  summary: 'The standard demo classifier fine-tuned on PGD adversarial examples, to show what adversarial training buys and costs.',
  steps: 200,
  peakLr: 5e-4,
  warmup: 10,
  adversarial: { base: CLASSIFIER.id, eps: 0.01, attackSteps: 3, mapWeight: 1 },
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
