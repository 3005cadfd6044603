/**
 * The defences and detectors a QA session applies, keyed by the ids of shared/qaTypes and run on the
 * engine's own implementations (engine/defenses, engine/detect). Images are planar, in the
 * normalised display range (after windowing, before the model's mean/std).
 */
import type { QaDefenceId, QaDetectorId } from '../../shared/qaTypes';
import { bitDepthReduce } from '../defenses/bitDepth';
import { jpegRecompress } from '../defenses/jpegRecompress';
import { medianFilter } from '../defenses/medianFilter';
import type { PlanarImage } from '../defenses/planarImage';
import { tvDenoise } from '../defenses/tvDenoise';
import { featureSqueezingScore, type PredictProbabilities } from '../detect/featureSqueezing';
import { noiseResidualMap } from '../detect/noiseResidual';

/** Each defence as a function of a display-range image; settings as listed in QA_DEFENCES. */
export const DEFENCE_TRANSFORMS: Readonly<Record<QaDefenceId, (image: PlanarImage) => PlanarImage>> = {
  median: (im) => medianFilter(im, 3),
  bitdepth: (im) => bitDepthReduce(im, 5),
  jpeg: (im) => jpegRecompress(im, 75),
  tv: (im) => tvDenoise(im),
};

/** Each detector's image score (larger = more suspicious); `predict` gives the model's probabilities. */
export const DETECTOR_SCORES: Readonly<Record<QaDetectorId, (image: PlanarImage, predict: PredictProbabilities) => Promise<number>>> = {
  squeeze: async (im, predict) => (await featureSqueezingScore(im, predict)).score,
  'noise-residual': async (im) => noiseResidualMap(im).score,
};
