import { fitKernelDensity, kernelDensityScore, type KernelDensityModel } from './kernelDensity';
import { lidScores } from './lid';
import { fitTiedGaussian, mahalanobisScore, prepareMahalanobis, type MahalanobisScorer, type TiedGaussianModel } from './mahalanobis';
import { fitPadim, padimHeatmap, preparePadim, type PadimModel, type PadimScorer } from './padim';
import type { ImageFeatures } from './imageFeatures';

/** The feature-space detectors fitted on clean images; plain data (the calibration record holds it). */
export interface FittedDetectors {
  mahalanobis: { layer: string; model: TiedGaussianModel }[];
  padim: (PadimModel & { layer: string }) | null;
  kernelDensity: (KernelDensityModel & { layer: string }) | null;
  lid: { k: number; layers: { layer: string; reference: number[][] }[] } | null;
}

/** Options of {@link fitDetectors}. */
export interface FitOptions {
  /** Layers for Mahalanobis and LID (default: all the source's layers). */
  layers: string[];
  /** Penultimate layer for kernel density, or null to skip it. */
  penultimate: string | null;
  /** Spatial layer name for PaDiM, or null to skip it. */
  spatialLayer: string | null;
  /** KDE bandwidth in feature units; default: median nearest-neighbour distance of the clean features. */
  bandwidth?: number;
  /** LID neighbours; default min(20, n − 1). */
  lidK?: number;
  /** PaDiM channels kept; default 32. */
  padimChannels?: number;
}

/** Fits Mahalanobis (per layer), PaDiM, kernel density and LID references on clean image features. */
export function fitDetectors(samples: ImageFeatures[], options: FitOptions): FittedDetectors {
  if (samples.length < 3) throw new Error(`Detector calibration needs at least 3 clean images, got ${samples.length}.`);
  const labels = samples.map((s) => s.predicted);
  const mahalanobis = options.layers.map((layer) => ({ layer, model: fitTiedGaussian(samples.map((s) => s.pooled[layer]), labels) }));
  const spatial = samples.map((s) => s.spatial);
  const padim =
    options.spatialLayer && spatial.every((m) => m !== null)
      ? { layer: options.spatialLayer, ...fitPadim(spatial as NonNullable<(typeof spatial)[number]>[], { maxChannels: options.padimChannels ?? 32 }) }
      : null;
  let kernelDensity: FittedDetectors['kernelDensity'] = null;
  if (options.penultimate) {
    const feats = samples.map((s) => s.pooled[options.penultimate!]);
    const h = options.bandwidth ?? medianNearestNeighbour(feats);
    kernelDensity = { layer: options.penultimate, ...fitKernelDensity(feats, labels, h) };
  }
  const k = options.lidK ?? Math.min(20, samples.length - 1);
  const lid = { k, layers: options.layers.map((layer) => ({ layer, reference: samples.map((s) => Array.from(s.pooled[layer])) })) };
  return { mahalanobis, padim, kernelDensity, lid };
}

/** Fitted detectors with their factorisations, ready to score many images. */
export interface PreparedDetectors {
  fitted: FittedDetectors;
  mahalanobis: { layer: string; scorer: MahalanobisScorer }[];
  padim: PadimScorer | null;
}

/** Factorises the covariances once. */
export function prepareDetectors(fitted: FittedDetectors): PreparedDetectors {
  return {
    fitted,
    mahalanobis: fitted.mahalanobis.map(({ layer, model }) => ({ layer, scorer: prepareMahalanobis(model) })),
    padim: fitted.padim ? preparePadim(fitted.padim) : null,
  };
}

/**
 * Every characteristic of one image, by name: `squeeze`, `noise-residual`, `mc-dropout` (when the
 * model has Dropout), `mahalanobis:<layer>`
 * (squared distance / dimension), `padim` (max position distance), `kd` (−log density),
 * `lid:<layer>`; larger = more suspicious for all but LID's sign, which the combiner learns. Also
 * returns the PaDiM heatmap at `width`×`height` when PaDiM is fitted.
 */
export function characteristics(
  det: PreparedDetectors,
  s: ImageFeatures,
  width: number,
  height: number,
): { values: Record<string, number>; padimMap: Float32Array | null } {
  const values: Record<string, number> = { squeeze: s.squeeze, 'noise-residual': s.noise.score };
  if (s.uncertainty !== null) values['mc-dropout'] = s.uncertainty;
  for (const { layer, scorer } of det.mahalanobis) values[`mahalanobis:${layer}`] = mahalanobisScore(scorer, s.pooled[layer]).score / scorer.model.dim;
  let padimMap: Float32Array | null = null;
  if (det.padim && s.spatial) {
    const r = padimHeatmap(det.padim, s.spatial, width, height);
    values.padim = r.score;
    padimMap = r.heatmap;
  }
  const kd = det.fitted.kernelDensity;
  if (kd) values.kd = kernelDensityScore(kd, s.pooled[kd.layer], s.predicted);
  const lid = det.fitted.lid;
  if (lid) for (const { layer, reference } of lid.layers) values[`lid:${layer}`] = lidScores([s.pooled[layer]], reference, lid.k)[0];
  return { values, padimMap };
}

/** Median distance from each vector to its nearest other vector (a scale for the KDE bandwidth). */
function medianNearestNeighbour(rows: ArrayLike<number>[]): number {
  const nn = rows.map((a, i) => {
    let best = Infinity;
    rows.forEach((b, j) => {
      if (i === j) return;
      let d2 = 0;
      for (let k = 0; k < a.length; k++) d2 += (a[k] - b[k]) ** 2;
      best = Math.min(best, d2);
    });
    return Math.sqrt(best);
  });
  nn.sort((a, b) => a - b);
  const m = nn[Math.floor(nn.length / 2)];
  return m > 0 ? m : 1;
}
