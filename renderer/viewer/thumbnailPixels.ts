/**
 * Renders a small RGBA preview of a cornerstone image for the series browser: nearest-neighbour
 * downsampling to fit `size` × `size` (aspect kept, letterboxed in black) and the image's default
 * window applied in modality units (linear VOI, DICOM PS3.3 C.11.2.1.2).
 */
import type { Image } from 'cornerstone-core';

/**
 * @returns `size × size × 4` RGBA bytes.
 */
export function thumbnailPixels(image: Image, size: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(size * size * 4);
  const data = image.getPixelData();
  const scale = Math.max(image.columns, image.rows) / size;
  const w = Math.max(1, Math.round(image.columns / scale));
  const h = Math.max(1, Math.round(image.rows / scale));
  const x0 = Math.floor((size - w) / 2);
  const y0 = Math.floor((size - h) / 2);
  const low = image.windowCenter - image.windowWidth / 2;
  for (let i = 3; i < out.length; i += 4) out[i] = 255;
  for (let y = 0; y < h; y++) {
    const sy = Math.min(image.rows - 1, Math.floor((y + 0.5) * scale));
    for (let x = 0; x < w; x++) {
      const sx = Math.min(image.columns - 1, Math.floor((x + 0.5) * scale));
      const o = ((y0 + y) * size + x0 + x) * 4;
      if (image.color) {
        const s = (sy * image.columns + sx) * 4;
        out[o] = data[s];
        out[o + 1] = data[s + 1];
        out[o + 2] = data[s + 2];
      } else {
        const value = data[sy * image.columns + sx] * image.slope + image.intercept;
        let g = ((value - low) / image.windowWidth) * 255;
        if (image.invert) g = 255 - g;
        out[o] = out[o + 1] = out[o + 2] = g;
      }
    }
  }
  return out;
}
