/**
 * Turns one frame from the API ('frames.meta' + 'frames.pixels') into a cornerstone-core image object.
 * Grey frames keep their stored values (cornerstone applies the modality LUT from slope/intercept and
 * the VOI window in modality units); colour frames are expanded from interleaved RGB to RGBA bytes.
 */
import type { Image } from 'cornerstone-core';
import type { FrameMeta, PixelDtype, PixelMeta } from '../../electron/shared/studyTypes';

/** A typed array of stored values, as the dtype of 'frames.pixels' names it. */
export type StoredArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array;

const CTORS: Record<PixelDtype, { new (buffer: ArrayBuffer, offset: number, length: number): StoredArray; BYTES_PER_ELEMENT: number }> = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
};

/**
 * Views raw little-endian bytes as the typed array `meta.dtype` names (copying only when the bytes
 * are not aligned to the element size).
 * @throws Error when the byte count does not match rows × columns × samplesPerPixel.
 */
export function viewStoredValues(bytes: Uint8Array, meta: PixelMeta): StoredArray {
  const Ctor = CTORS[meta.dtype];
  const count = meta.rows * meta.columns * meta.samplesPerPixel;
  if (bytes.byteLength !== count * Ctor.BYTES_PER_ELEMENT) {
    throw new Error(
      `Frame pixels are ${bytes.byteLength} bytes, expected ${count * Ctor.BYTES_PER_ELEMENT} ` +
        `(${meta.rows}×${meta.columns}×${meta.samplesPerPixel} ${meta.dtype}).`,
    );
  }
  const aligned = bytes.byteOffset % Ctor.BYTES_PER_ELEMENT === 0 ? bytes : bytes.slice();
  return new Ctor(aligned.buffer as ArrayBuffer, aligned.byteOffset, count);
}

/** Expands interleaved RGB samples (0–255) to opaque RGBA bytes, the layout cornerstone draws. */
export function rgbToRgba(rgb: ArrayLike<number>, pixelCount: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(pixelCount * 4);
  for (let p = 0, i = 0, o = 0; p < pixelCount; p++, i += 3, o += 4) {
    out[o] = rgb[i];
    out[o + 1] = rgb[i + 1];
    out[o + 2] = rgb[i + 2];
    out[o + 3] = 255;
  }
  return out;
}

/**
 * The window to show a frame with first: the file's own Window Center/Width when present, else the
 * full range of the modality values present in the frame (`minValue`/`maxValue` are stored values). Units: modality units (e.g. HU for CT).
 */
export function defaultWindow(meta: FrameMeta, minValue: number, maxValue: number): { center: number; width: number } {
  if (meta.windowCenter !== null && meta.windowWidth !== null && meta.windowWidth > 0) {
    return { center: meta.windowCenter, width: meta.windowWidth };
  }
  const a = minValue * meta.rescaleSlope + meta.rescaleIntercept;
  const b = maxValue * meta.rescaleSlope + meta.rescaleIntercept;
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  return { center: (lo + hi) / 2, width: Math.max(hi - lo, 1) };
}

/**
 * Builds the cornerstone image for a frame. Pixel spacing is mm (row, column) from DICOM Pixel
 * Spacing; MONOCHROME1 frames start inverted so that high values show dark, as the standard asks.
 */
export function frameToImage(imageId: string, meta: FrameMeta, pixelMeta: PixelMeta, bytes: Uint8Array): Image {
  const stored = viewStoredValues(bytes, pixelMeta);
  const pixelCount = pixelMeta.rows * pixelMeta.columns;
  const color = pixelMeta.color;
  const pixelData = color ? rgbToRgba(stored, pixelCount) : stored;
  const window = color ? { center: 127.5, width: 256 } : defaultWindow(meta, pixelMeta.minValue, pixelMeta.maxValue);
  return {
    imageId,
    minPixelValue: color ? 0 : pixelMeta.minValue,
    maxPixelValue: color ? 255 : pixelMeta.maxValue,
    slope: color ? 1 : meta.rescaleSlope,
    intercept: color ? 0 : meta.rescaleIntercept,
    windowCenter: window.center,
    windowWidth: window.width,
    getPixelData: () => pixelData,
    rows: pixelMeta.rows,
    columns: pixelMeta.columns,
    height: pixelMeta.rows,
    width: pixelMeta.columns,
    color,
    rgba: false,
    invert: meta.photometricInterpretation === 'MONOCHROME1',
    rowPixelSpacing: meta.pixelSpacing?.[0],
    columnPixelSpacing: meta.pixelSpacing?.[1],
    sizeInBytes: pixelData.byteLength,
  };
}
