import type { LayerGradients, SaliencyMap } from './saliencyModel';
import { resampleMatrix, resizePlane } from '../imaging/resampleMatrix';

/** Which class-activation map to compute from a layer's activation and gradient. */
export type CamMethod = 'gradcam' | 'hirescam';

/**
 * The raw class-activation map on the layer's grid (h × w), before ReLU and scaling:
 * - Grad-CAM (Selvaraju et al. 2017): Σ_k α_k A_k with α_k = mean over (i, j) of ∂score/∂A_k;
 * - HiResCAM (Draelos & Carin 2020): Σ_k (∂score/∂A_k ⊙ A_k), element-wise.
 * For a GAP→FC head both equal CAM/(h·w) (Zhou et al. 2016), which the tests check.
 */
export function rawCam(layer: LayerGradients, method: CamMethod): Float64Array {
  const { channels, height, width, activation, gradient } = layer;
  const plane = height * width;
  if (activation.length !== channels * plane || gradient.length !== channels * plane) {
    throw new Error(`Grad-CAM: layer tensors must be ${channels}×${height}×${width}`);
  }
  const cam = new Float64Array(plane);
  for (let k = 0; k < channels; k++) {
    const off = k * plane;
    if (method === 'gradcam') {
      let alpha = 0;
      for (let i = 0; i < plane; i++) alpha += gradient[off + i];
      alpha /= plane;
      for (let i = 0; i < plane; i++) cam[i] += alpha * activation[off + i];
    } else {
      for (let i = 0; i < plane; i++) cam[i] += gradient[off + i] * activation[off + i];
    }
  }
  return cam;
}

/**
 * A CAM drawn on the image, as pytorch-grad-cam does: ReLU, per-image min–max scaling to [0, 1]
 * (`(cam − min) / (max − min + 1e-7)`), then bilinear resize (half-pixel centres) to the image size.
 */
export function camToImage(layer: LayerGradients, method: CamMethod, imageWidth: number, imageHeight: number, layerName: string): SaliencyMap {
  const cam = rawCam(layer, method);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < cam.length; i++) {
    cam[i] = Math.max(cam[i], 0);
    lo = Math.min(lo, cam[i]);
    hi = Math.max(hi, cam[i]);
  }
  for (let i = 0; i < cam.length; i++) cam[i] = (cam[i] - lo) / (hi - lo + 1e-7);
  const resized = resizePlane(cam, resampleMatrix(layer.height, imageHeight), resampleMatrix(layer.width, imageWidth));
  return {
    data: Float32Array.from(resized),
    width: imageWidth,
    height: imageHeight,
    method: method === 'gradcam' ? 'Grad-CAM' : 'HiResCAM',
    params: { layer: layerName, grid: `${layer.height}×${layer.width}`, postprocess: 'ReLU, min–max, bilinear resize' },
  };
}
