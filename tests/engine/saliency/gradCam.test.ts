import { describe, expect, it } from 'vitest';
import { camToImage, rawCam } from '../../../electron/engine/saliency/gradCam';
import { randomVector } from './analyticModels';

describe('Grad-CAM and HiResCAM', () => {
  // A GAP→FC head: score_c = Σ_k W_ck · mean(A_k) + b, so ∂score/∂A_k(i,j) = W_ck / (h·w).
  const K = 4;
  const h = 3;
  const w = 5;
  const activation = randomVector(K * h * w, 11).map((v) => Math.abs(v));
  const fc = randomVector(K, 12).map((v) => Math.abs(v) + 0.1);
  const gradient = new Float32Array(K * h * w);
  for (let k = 0; k < K; k++) gradient.fill(fc[k] / (h * w), k * h * w, (k + 1) * h * w);
  const layer = { activation, gradient, channels: K, height: h, width: w };

  it('both equal CAM/(h·w) for a GAP→FC head (Zhou et al. 2016)', () => {
    const cam = new Float64Array(h * w);
    for (let k = 0; k < K; k++) for (let i = 0; i < h * w; i++) cam[i] += fc[k] * activation[k * h * w + i];
    const grad = rawCam(layer, 'gradcam');
    const hires = rawCam(layer, 'hirescam');
    for (let i = 0; i < h * w; i++) {
      expect(grad[i]).toBeCloseTo(cam[i] / (h * w), 6);
      expect(hires[i]).toBeCloseTo(cam[i] / (h * w), 6);
    }
  });

  it('differs from HiResCAM when gradients vary in space', () => {
    const varying = { ...layer, gradient: randomVector(K * h * w, 13) };
    const a = rawCam(varying, 'gradcam');
    const b = rawCam(varying, 'hirescam');
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });

  it('is ReLU-ed, scaled to [0, 1] and resized to the image', () => {
    const map = camToImage(layer, 'gradcam', 20, 12, 'features.relu');
    expect(map.data.length).toBe(240);
    const max = Math.max(...map.data);
    const min = Math.min(...map.data);
    expect(max).toBeLessThanOrEqual(1);
    // Half-pixel bilinear sampling rarely lands exactly on the peak cell's centre.
    expect(max).toBeGreaterThan(0.75);
    const cam = rawCam(layer, 'gradcam');
    const peakCell = cam.indexOf(Math.max(...cam));
    const peakPixel = map.data.indexOf(max);
    expect(Math.floor(Math.floor(peakPixel / 20) / 4)).toBe(Math.floor(peakCell / 5));
    expect(Math.floor((peakPixel % 20) / 4)).toBe(peakCell % 5);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(map.params.layer).toBe('features.relu');
  });
});
