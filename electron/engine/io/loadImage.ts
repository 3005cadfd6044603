/**
 * Loads an image file for the engine: DICOM (first frame, through electron/dicom), PNG, or NumPy .npy.
 * DICOM and PNG keep their stored integer values and format, so attacks can quantise back to them;
 * .npy arrays are raw model inputs.
 */
import { extname } from 'node:path';
import { decodeFrame, loadInstance, pixelModule } from '../../dicom/index';
import type { StoredFormat } from '../imaging/storedFormat';
import { npyToFloat32, readNpy } from './npy';
import { readPng } from './png';

/** An image as stored: planar values (channel-major, then rows), their format, and display hints. */
export interface LoadedImage {
  kind: 'dicom' | 'png' | 'npy';
  path: string;
  width: number;
  height: number;
  channels: number;
  /** Stored values (DICOM), samples (PNG) or raw values (.npy), planar. */
  values: Float32Array;
  /** Stored format (DICOM, PNG); absent for .npy. */
  format?: StoredFormat;
  /** The file's own window in modality units (DICOM Window Center/Width), when present. */
  window?: { center: number; width: number };
  /** PALETTE COLOR DICOM: `values` are the looked-up RGB, not the stored indices (cannot be written back as stored values). */
  palette?: boolean;
  /** DICOM Photometric Interpretation MONOCHROME1: low values display white. */
  monochrome1?: boolean;
  /** DICOM modality, when known. */
  modality?: string;
  /** DICOM pixel spacing (row, column) in mm: Pixel Spacing, else Imager Pixel Spacing; absent when neither is present. */
  pixelSpacingMm?: [number, number];
  /** Array shape (.npy only). */
  shape?: number[];
}

/** Interleaved (RGBRGB…) → planar (RR…GG…BB…). */
function planar(data: ArrayLike<number>, pixels: number, channels: number): Float32Array {
  const out = new Float32Array(pixels * channels);
  for (let p = 0; p < pixels; p++) for (let c = 0; c < channels; c++) out[c * pixels + p] = data[p * channels + c];
  return out;
}

/** Loads a `.dcm` (or extension-less DICOM), `.png` or `.npy` file; errors name the file and the problem. */
export async function loadImage(path: string): Promise<LoadedImage> {
  const ext = extname(path).toLowerCase();
  if (ext === '.npy') {
    const a = await readNpy(path);
    const values = npyToFloat32(a);
    for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) throw new Error(`${path}: value ${i} is NaN; the model input must be finite`);
    const width = a.shape[a.shape.length - 1] ?? 1;
    const height = a.shape.length >= 2 ? a.shape[a.shape.length - 2] : 1;
    return { kind: 'npy', path, width, height, channels: values.length / Math.max(1, width * height), values, shape: a.shape };
  }
  if (ext === '.png') {
    const png = await readPng(path);
    const format: StoredFormat = { bitsStored: png.bitDepth, pixelRepresentation: 0, rescaleSlope: 1, rescaleIntercept: 0 };
    return { kind: 'png', path, width: png.width, height: png.height, channels: png.channels, values: planar(png.data, png.width * png.height, png.channels), format };
  }
  const instance = await loadInstance(path);
  const pm = pixelModule(instance);
  const frame = await decodeFrame(instance, 0);
  // Colour other than plain RGB (YBR, palette) is read as the decoder's 8-bit RGB: what a model sees
  // and what the derived-image writer stores (as RGB).
  const palette = pm.photometricInterpretation === 'PALETTE COLOR';
  const useRgb = frame.rgb !== undefined && (palette || pm.photometricInterpretation !== 'RGB');
  const channels = useRgb ? 3 : pm.samplesPerPixel;
  const format: StoredFormat = {
    bitsStored: useRgb ? 8 : pm.bitsStored,
    pixelRepresentation: !useRgb && pm.pixelRepresentation === 1 ? 1 : 0,
    rescaleSlope: channels === 1 ? pm.rescaleSlope : 1,
    rescaleIntercept: channels === 1 ? pm.rescaleIntercept : 0,
  };
  const window = pm.windowCenter !== null && pm.windowWidth !== null && pm.windowWidth > 0 ? { center: pm.windowCenter, width: pm.windowWidth } : undefined;
  return {
    kind: 'dicom',
    path,
    width: pm.columns,
    height: pm.rows,
    channels,
    values: planar(useRgb ? frame.rgb! : frame.stored, pm.rows * pm.columns, channels),
    format,
    window,
    modality: instance.dataSet.string('x00080060')?.trim(),
    pixelSpacingMm: pm.pixelSpacing ?? imagerPixelSpacing(instance.dataSet.string('x00181164')),
    palette,
    monochrome1: pm.photometricInterpretation === 'MONOCHROME1',
  };
}

/** Imager Pixel Spacing (0018,1164) "row\column" in mm, when both values are positive numbers. */
function imagerPixelSpacing(text: string | undefined): [number, number] | undefined {
  const [r, c] = (text ?? '').split('\\').map((v) => Number.parseFloat(v));
  return r > 0 && c > 0 ? [r, c] : undefined;
}
