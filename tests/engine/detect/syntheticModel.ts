import { softmax, type DetectionTarget, type FeatureSource } from '../../../electron/engine/detect/imageFeatures';
import type { PlanarImage } from '../../../electron/engine/defenses/planarImage';
import { seededRandom } from '../../../electron/engine/stats/seededRandom';

/** Side of the synthetic phantoms, pixels. */
export const S = 24;
/** Analytic "network": features are local means and high-frequency energies over a 4×4 grid of 6×6 cells. */
export const source: FeatureSource = {
  layers: ['cells', 'embedding'],
  penultimate: 'embedding',
  spatialLayer: 'cells',
  async run(inputs) {
    const maps = inputs.map((x) => {
      const data = new Float32Array(2 * 16);
      for (let cy = 0; cy < 4; cy++) {
        for (let cx = 0; cx < 4; cx++) {
          let m = 0;
          let hf = 0;
          for (let y = cy * 6; y < cy * 6 + 6; y++) {
            for (let x0 = cx * 6; x0 < cx * 6 + 6; x0++) {
              m += x[y * S + x0] / 36;
              if (x0 + 1 < S) hf += Math.abs(x[y * S + x0 + 1] - x[y * S + x0]) / 36;
            }
          }
          data[cy * 4 + cx] = m;
          data[16 + cy * 4 + cx] = 10 * hf;
        }
      }
      return { data, channels: 2, height: 4, width: 4 };
    });
    const pooledCells = maps.map((m) => Float32Array.from([0, 1], (c) => m.data.subarray(c * 16, (c + 1) * 16).reduce((s, v) => s + v, 0) / 16));
    const embedding = maps.map((m) => Float32Array.from(m.data.subarray(16)));
    return { outputs: pooledCells.map((p) => Float32Array.from([4 * p[0], 2])), pooled: { cells: pooledCells, embedding }, spatial: maps };
  },
};
export const target: DetectionTarget = { features: source, probabilities: (o) => softmax(o) };
export const item = (image: PlanarImage) => ({ image, toModelInput: (im: PlanarImage) => im.data });

export function phantom(seed: number): PlanarImage {
  const r = seededRandom(seed);
  const cx = 6 + 12 * r();
  const cy = 6 + 12 * r();
  const level = 0.3 + 0.4 * r();
  const data = Float32Array.from({ length: S * S }, (_, i) => {
    const d = Math.hypot((i % S) - cx, Math.floor(i / S) - cy);
    return 0.2 + level * Math.exp(-(d * d) / 40) + 0.003 * (r() - 0.5);
  });
  return { data, width: S, height: S, channels: 1 };
}
export function attacked(im: PlanarImage, seed: number): PlanarImage {
  const r = seededRandom(seed);
  return { ...im, data: im.data.map((v) => v + (r() < 0.5 ? -0.02 : 0.02)) };
}
