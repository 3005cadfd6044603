/**
 * One image's spatial activations from one (or several concatenated) layers: planar C×H×W,
 * row-major within a channel, as an ONNX NCHW tensor without the batch axis. Units are the
 * network's activation units.
 */
export interface FeatureMap {
  data: Float32Array;
  channels: number;
  height: number;
  width: number;
}

/** Checks a feature map's size; throws an error naming `what` otherwise. */
export function checkFeatureMap(map: FeatureMap, what = 'feature map'): void {
  const { channels, height, width, data } = map;
  if (data.length !== channels * height * width || channels < 1 || height < 1 || width < 1) {
    throw new Error(`${what}: ${data.length} values do not make ${channels}×${height}×${width} (channels×height×width).`);
  }
}
