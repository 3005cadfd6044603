import jpeg from 'jpeg-js';
import { checkPlanarImage, type PlanarImage } from './planarImage';

/**
 * JPEG re-compression defence (Das et al. 2017; Guo et al. 2018): quantise the display-range image
 * to 8 bits, encode it as baseline JPEG at `quality` with jpeg-js, decode, and scale back to [0, 1].
 * One channel is encoded as R = G = B (so chroma is flat) and read back as the mean of R, G, B;
 * three channels are encoded as RGB.
 *
 * @param image display-range image, values in [0, 1], 1 or 3 channels
 * @param quality JPEG quality 1…100 (IJG scale); default 75
 */
export function jpegRecompress(image: PlanarImage, quality = 75): PlanarImage {
  checkPlanarImage(image);
  if (image.channels !== 1 && image.channels !== 3) {
    throw new Error(`JPEG re-compression handles 1- or 3-channel images, this one has ${image.channels}.`);
  }
  if (!(quality >= 1 && quality <= 100)) throw new Error(`JPEG quality must be between 1 and 100, got ${quality}.`);
  const { width, height, channels } = image;
  const plane = width * height;
  const rgba = new Uint8Array(plane * 4);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) {
      const v = image.data[(channels === 1 ? 0 : c) * plane + i];
      rgba[i * 4 + c] = Math.round(Math.min(1, Math.max(0, v)) * 255);
    }
    rgba[i * 4 + 3] = 255;
  }
  const encoded = jpeg.encode({ data: rgba, width, height }, quality);
  const decoded = jpeg.decode(encoded.data, { useTArray: true, formatAsRGBA: true });
  const out = new Float32Array(image.data.length);
  for (let i = 0; i < plane; i++) {
    if (channels === 1) {
      out[i] = (decoded.data[i * 4] + decoded.data[i * 4 + 1] + decoded.data[i * 4 + 2]) / (3 * 255);
    } else {
      for (let c = 0; c < 3; c++) out[c * plane + i] = decoded.data[i * 4 + c] / 255;
    }
  }
  return { ...image, data: out };
}
