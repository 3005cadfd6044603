import { cholesky, choleskySolve } from '../stats/cholesky';
import { ledoitWolf } from '../stats/ledoitWolf';
import { seededRandom } from '../stats/seededRandom';
import { checkFeatureMap, type FeatureMap } from './featureMap';
import { upsampleBilinear } from './upsampleBilinear';

/** PaDiM statistics: one Gaussian per feature-map position; plain data, JSON-serialisable. */
export interface PadimModel {
  /** Feature-map height and width (positions). */
  height: number;
  width: number;
  /** Indices of the channels kept (PaDiM's random dimensionality reduction), ascending. */
  channels: number[];
  /** Means, position-major: means[(y·W + x)·d + k], activation units. */
  means: number[];
  /** Shrunk covariances, position-major: covariances[(y·W + x)·d² + i·d + j], activation units². */
  covariances: number[];
}

/** Options for {@link fitPadim}. */
export interface PadimOptions {
  /** Keep at most this many channels, chosen at random (seeded), as PaDiM's d. Default 64. */
  maxChannels?: number;
  /** Seed of the channel choice. Default 1. */
  seed?: number;
}

/**
 * Fits PaDiM (Defard et al. 2020, "PaDiM: a patch distribution modeling framework for anomaly
 * detection and localization"): for each position of the spatial feature map, the mean and
 * covariance of the clean images' feature vectors there. The paper regularises with 0.01·I; here
 * each covariance is Ledoit–Wolf shrunk, which adapts to the activations' scale and to few images.
 *
 * @param maps feature maps of N ≥ 2 clean calibration images, all the same size
 */
export function fitPadim(maps: FeatureMap[], options: PadimOptions = {}): PadimModel {
  if (maps.length < 2) throw new Error(`PaDiM calibration needs at least 2 clean images, got ${maps.length}.`);
  const { channels: c, height, width } = maps[0];
  maps.forEach((m, i) => {
    checkFeatureMap(m, `PaDiM calibration image #${i}`);
    if (m.channels !== c || m.height !== height || m.width !== width) {
      throw new Error(`PaDiM calibration image #${i} has a ${m.channels}×${m.height}×${m.width} feature map, the first has ${c}×${height}×${width}.`);
    }
  });
  const channels = chooseChannels(c, options.maxChannels ?? 64, options.seed ?? 1);
  const d = channels.length;
  const positions = height * width;
  const means: number[] = [];
  const covariances: number[] = [];
  for (let pos = 0; pos < positions; pos++) {
    const rows = maps.map((m) => Float64Array.from(channels, (ch) => m.data[ch * positions + pos]));
    const shrunk = ledoitWolf(rows);
    for (let k = 0; k < d; k++) means.push(shrunk.mean[k]);
    // A position where every image is identical (e.g. a constant border) has zero covariance; a
    // tiny ridge keeps it invertible without changing any other position's distances.
    const ridge = shrunk.covariance.every((v) => v === 0) ? 1e-6 : 0;
    for (let k = 0; k < d * d; k++) covariances.push(shrunk.covariance[k] + (k % (d + 1) === 0 ? ridge : 0));
  }
  return { height, width, channels, means, covariances };
}

/** Per-position Cholesky factors, computed once per model. */
export interface PadimScorer {
  model: PadimModel;
  factors: Float64Array[];
}

/** Prepares {@link padimHeatmap}; throws if a stored covariance is not positive definite. */
export function preparePadim(model: PadimModel): PadimScorer {
  const d = model.channels.length;
  const factors: Float64Array[] = [];
  for (let pos = 0; pos < model.height * model.width; pos++) {
    factors.push(cholesky(model.covariances.slice(pos * d * d, (pos + 1) * d * d), d, `PaDiM covariance at position ${pos}`));
  }
  return { model, factors };
}

/**
 * PaDiM anomaly map of one image: the Mahalanobis distance √((f − μ)ᵀΣ⁻¹(f − μ)) at every
 * feature-map position (unit: standard deviations), bilinearly upsampled to the image size
 * (half-pixel convention). The image-level score is the map's maximum, as in PaDiM.
 *
 * @param map the image's feature map from the same layer(s) as the calibration
 * @param imageWidth width of the output heatmap in image pixels
 * @param imageHeight height of the output heatmap in image pixels
 */
export function padimHeatmap(
  scorer: PadimScorer,
  map: FeatureMap,
  imageWidth: number,
  imageHeight: number,
): { distances: Float32Array; heatmap: Float32Array; score: number } {
  const { model, factors } = scorer;
  checkFeatureMap(map);
  if (map.height !== model.height || map.width !== model.width || map.channels <= Math.max(...model.channels)) {
    throw new Error(`PaDiM: feature map is ${map.channels}×${map.height}×${map.width}, the calibration expects ${model.height}×${model.width} positions and channel ${Math.max(...model.channels)}.`);
  }
  const d = model.channels.length;
  const positions = model.height * model.width;
  const distances = new Float32Array(positions);
  const diff = new Float64Array(d);
  for (let pos = 0; pos < positions; pos++) {
    for (let k = 0; k < d; k++) diff[k] = map.data[model.channels[k] * positions + pos] - model.means[pos * d + k];
    const sol = choleskySolve(factors[pos], d, diff);
    let d2 = 0;
    for (let k = 0; k < d; k++) d2 += diff[k] * sol[k];
    distances[pos] = Math.sqrt(Math.max(0, d2));
  }
  const heatmap = upsampleBilinear(distances, model.width, model.height, imageWidth, imageHeight);
  let score = -Infinity;
  for (const v of distances) score = Math.max(score, v);
  return { distances, heatmap, score };
}

function chooseChannels(total: number, max: number, seed: number): number[] {
  const all = Array.from({ length: total }, (_, i) => i);
  if (total <= max) return all;
  const rand = seededRandom(seed);
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(rand() * (total - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, max).sort((a, b) => a - b);
}
