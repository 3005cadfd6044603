/**
 * A float image as the detectors and defences see it: planar channels (CHW, as an ONNX NCHW tensor
 * without the batch axis), row-major within a channel, values in the normalised display range
 * [0, 1] (after the model's windowing, before its mean/std normalisation).
 */
export interface PlanarImage {
  data: Float32Array;
  width: number;
  height: number;
  channels: number;
}

/** Checks that `image.data` holds channels × height × width values; throws an actionable error otherwise. */
export function checkPlanarImage(image: PlanarImage, what = 'image'): void {
  const { width, height, channels, data } = image;
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0 && Number.isInteger(channels) && channels > 0)) {
    throw new Error(`${what}: size ${channels}×${height}×${width} is not a positive integer channels×height×width.`);
  }
  if (data.length !== width * height * channels) {
    throw new Error(`${what}: has ${data.length} values, expected ${channels}×${height}×${width} = ${width * height * channels}.`);
  }
}

/** Applies a per-channel (single-plane) operation to every channel of `image`, returning a new image. */
export function mapPlanes(
  image: PlanarImage,
  op: (plane: Float32Array, width: number, height: number) => Float32Array,
): PlanarImage {
  checkPlanarImage(image);
  const plane = image.width * image.height;
  const out = new Float32Array(image.data.length);
  for (let c = 0; c < image.channels; c++) {
    out.set(op(image.data.subarray(c * plane, (c + 1) * plane), image.width, image.height), c * plane);
  }
  return { data: out, width: image.width, height: image.height, channels: image.channels };
}
