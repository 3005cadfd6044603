import type { CalibrationRecord } from './calibrationRecord';
import { characteristics, fitDetectors, prepareDetectors, type FitOptions, type FittedDetectors } from './detectorSet';
import { extractImageFeatures, type DetectionImage, type DetectionTarget, type ImageFeatures } from './imageFeatures';
import type { NoiseResidualOptions } from './noiseResidual';
import { minimumCalibrationImages, smallestSupportedFpr } from '../../shared/calibrationSize';
import { calibrateSuspicion } from './suspicion';
import { seededShuffle } from '../stats/seededShuffle';

/** Inputs of {@link calibrateDetectors}. */
export interface CalibrationRun {
  target: DetectionTarget;
  /** Clean calibration images in display space [0, 1], native size, each with its pipeline. */
  images: DetectionImage[];
  /** SHA-256 of the model file. */
  modelHash: string;
  /** Target false-positive rate of the combined score, a fraction (default 0.05). */
  fpr?: number;
  noise?: NoiseResidualOptions;
  fit?: Partial<Omit<FitOptions, 'layers' | 'penultimate' | 'spatialLayer'>>;
  onProgress?: (done: number, total: number) => void;
  /** Seed of the fit/reference split (default 0). */
  seed?: number;
}

/**
 * Calibrates every detector on clean images by split conformal calibration: features are extracted
 * once; the detectors are fitted on a seeded random half of the images and the clean reference
 * scores behind the FPR-calibrated combined score are those of the other half under the fitted
 * detectors (a random split, because folder order can alias with the classes).
 * The reference images are thus scored exactly as new clean images will be (same sample size for
 * shrinkage, KDE bandwidth and LID batch), so the stated FPR holds for new clean images.
 */
export async function calibrateDetectors(run: CalibrationRun): Promise<{ record: CalibrationRecord; samples: ImageFeatures[] }> {
  const { target, images } = run;
  const fpr = run.fpr ?? 0.05;
  const needed = minimumCalibrationImages(fpr);
  if (images.length < needed) {
    throw new Error(
      `Detector calibration for a ${+(100 * fpr).toFixed(2)} % false-positive rate needs at least ${needed} clean images ` +
        `(half fit the detectors, ${needed / 2} are the clean reference), got ${images.length}; ` +
        `${images.length} images support a rate of ${+(100 * smallestSupportedFpr(images.length)).toFixed(1)} % or more.`,
    );
  }
  const noise = { window: run.noise?.window ?? 15, noiseFloor: run.noise?.noiseFloor ?? 0.01 };
  const samples: ImageFeatures[] = [];
  for (const image of images) {
    samples.push(await extractImageFeatures(target, image, noise));
    run.onProgress?.(samples.length, images.length);
  }
  const src = target.features;
  const order = seededShuffle(samples.length, run.seed ?? 0);
  const isFit = new Array<boolean>(samples.length).fill(false);
  for (const i of order.slice(0, Math.ceil(samples.length / 2))) isFit[i] = true;
  const fitSet = samples.filter((_, i) => isFit[i]);
  const fitted = fitDetectors(fitSet, { layers: src.layers, penultimate: src.penultimate, spatialLayer: src.spatialLayer, ...run.fit });
  const det = prepareDetectors(fitted);
  const referenceScores: Record<string, number[]> = {};
  samples.forEach((s, i) => {
    if (isFit[i]) return;
    const { values } = characteristics(det, s, images[i].image.width, images[i].image.height);
    for (const [name, v] of Object.entries(values)) (referenceScores[name] ??= []).push(v);
  });
  const suspicion = calibrateSuspicion(referenceScores, fpr);
  const record: CalibrationRecord = {
    format: 'aegis-detect-calibration',
    version: 1,
    modelHash: run.modelHash,
    createdAt: new Date().toISOString(),
    imageCount: images.length,
    mahalanobis: fitted.mahalanobis.map(({ layer, model }) => ({ layer, ...model })),
    padim: fitted.padim,
    kernelDensity: fitted.kernelDensity,
    lid: fitted.lid,
    noiseResidual: noise,
    combiner: null,
    suspicion,
  };
  return { record, samples };
}

/** The fitted detectors stored in a calibration record. */
export function detectorsFromRecord(record: CalibrationRecord): FittedDetectors {
  return {
    mahalanobis: record.mahalanobis.map(({ layer, ...model }) => ({ layer, model })),
    padim: record.padim,
    kernelDensity: record.kernelDensity,
    lid: record.lid,
  };
}
