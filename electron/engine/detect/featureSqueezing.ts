import { bitDepthReduce } from '../defenses/bitDepth';
import { medianFilter } from '../defenses/medianFilter';
import type { PlanarImage } from '../defenses/planarImage';

/** A named squeezer: maps a display-range image to a squeezed copy of the same size. */
export interface Squeezer {
  name: string;
  apply(image: PlanarImage): PlanarImage;
}

/**
 * The squeezers of Xu et al. 2018 applicable to grayscale images: bit-depth reduction to 5 bits
 * (their ImageNet setting) and a 2×2 median filter (all their datasets). Non-local means is left out.
 */
export const DEFAULT_SQUEEZERS: Squeezer[] = [
  { name: 'bit-depth-5', apply: (im) => bitDepthReduce(im, 5) },
  { name: 'median-2x2', apply: (im) => medianFilter(im, 2) },
];

/** Runs the model on a batch of display-range images and returns each image's output probabilities. */
export type PredictProbabilities = (images: PlanarImage[]) => Promise<ArrayLike<number>[]>;

/**
 * Feature squeezing (Xu, Evans & Qi 2018, NDSS): score = maxₛ ‖p(x) − p(squeezeₛ(x))‖₁, the largest
 * L1 change of the model's probabilities over the squeezers. Squeezing happens in display space
 * [0, 1] (after windowing), as the note recommends for 12-bit data. Unit: probability mass, in [0, 2].
 *
 * @param image the image as the model sees it, display range [0, 1]
 * @param predict batched model call returning probabilities (softmax or per-label sigmoid)
 */
export async function featureSqueezingScore(
  image: PlanarImage,
  predict: PredictProbabilities,
  squeezers: Squeezer[] = DEFAULT_SQUEEZERS,
): Promise<{ score: number; perSqueezer: Record<string, number> }> {
  if (squeezers.length === 0) throw new Error('Feature squeezing needs at least one squeezer.');
  const outputs = await predict([image, ...squeezers.map((s) => s.apply(image))]);
  if (outputs.length !== squeezers.length + 1) {
    throw new Error(`Feature squeezing: the model returned ${outputs.length} predictions for ${squeezers.length + 1} images.`);
  }
  const base = outputs[0];
  const perSqueezer: Record<string, number> = {};
  let score = 0;
  squeezers.forEach((s, k) => {
    const q = outputs[k + 1];
    if (q.length !== base.length) throw new Error(`Feature squeezing: prediction sizes differ (${base.length} vs ${q.length}).`);
    let l1 = 0;
    for (let c = 0; c < base.length; c++) l1 += Math.abs(base[c] - q[c]);
    perSqueezer[s.name] = l1;
    score = Math.max(score, l1);
  });
  return { score, perSqueezer };
}
