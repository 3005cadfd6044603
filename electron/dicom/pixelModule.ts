/** The Image Pixel module (PS3.3 C.7.6.3) and modality/VOI attributes of one instance, read leniently. */
import type dicomParser from 'dicom-parser';
import { DicomError } from './dicomError';
import { guard, type ParsedInstance } from './parseInstance';

/** Pixel description of an instance. Spacing in mm; rescale maps stored values to modality units. */
export interface PixelModule {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  photometricInterpretation: string;
  /** 0 = colour-by-pixel (RGBRGB…), 1 = colour-by-plane (RR…GG…BB…). */
  planarConfiguration: number;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  /** 0 unsigned, 1 two's complement. */
  pixelRepresentation: number;
  numberOfFrames: number;
  rescaleSlope: number;
  rescaleIntercept: number;
  windowCenter: number | null;
  windowWidth: number | null;
  pixelSpacing: [number, number] | null;
}

/** Reads a US attribute even when a writer gave it a wrong VR (SS, IS, DS …). */
export function readUs(ds: dicomParser.DataSet, tag: string): number | undefined {
  const el = ds.elements[tag];
  if (!el || el.length === 0) return undefined;
  if (el.vr === 'IS' || el.vr === 'DS') return readDs(ds, tag) ?? undefined;
  if (el.length === 4 && (el.vr === 'UL' || el.vr === 'SL')) return ds.uint32(tag);
  if (el.length >= 2) return ds.uint16(tag);
  return undefined;
}

/** A DS value, or null when absent or not a number. */
export function readDs(ds: dicomParser.DataSet, tag: string, index = 0): number | null {
  // dicom-parser's floatString() throws when `index` is past the last value; split ourselves.
  const text = ds.elements[tag] ? ds.string(tag) : undefined;
  const v = Number.parseFloat(text?.split('\\')[index] ?? '');
  return Number.isFinite(v) ? v : null;
}

/** Reads and checks the pixel module; a missing or impossible value is a {@link DicomError}. */
export function pixelModule(instance: ParsedInstance): PixelModule {
  return guard(instance.path, () => readPixelModule(instance));
}

function readPixelModule(instance: ParsedInstance): PixelModule {
  const ds = instance.dataSet;
  const fail = (why: string): never => {
    throw new DicomError(why, instance.path ?? undefined);
  };
  const rows = readUs(ds, 'x00280010');
  const columns = readUs(ds, 'x00280011');
  if (!rows || !columns) fail('no image: Rows or Columns missing or zero');
  // 2^28 samples (a 16k × 16k RGB image) is far beyond any radiograph; larger means a damaged header.
  if (rows! * columns! > 2 ** 28) fail(`image of ${rows}×${columns} is too large to be real — header damaged`);
  const samplesPerPixel = readUs(ds, 'x00280002') ?? 1;
  if (samplesPerPixel !== 1 && samplesPerPixel !== 3) fail(`Samples per Pixel is ${samplesPerPixel}; only 1 and 3 are images`);
  const bitsAllocated = readUs(ds, 'x00280100') ?? 0;
  if (![1, 8, 16, 32].includes(bitsAllocated)) fail(`Bits Allocated is ${bitsAllocated}; expected 1, 8, 16 or 32`);
  const bitsStored = readUs(ds, 'x00280101') ?? bitsAllocated;
  if (bitsStored < 1 || bitsStored > bitsAllocated) fail(`Bits Stored is ${bitsStored} with Bits Allocated ${bitsAllocated}`);
  const highBit = readUs(ds, 'x00280102') ?? bitsStored - 1;
  if (highBit < bitsStored - 1 || highBit >= bitsAllocated) fail(`High Bit is ${highBit} with Bits Stored ${bitsStored}`);
  const photometric = (ds.string('x00280004') ?? (samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2')).trim().toUpperCase();
  const frames = ds.intString('x00280008');
  const slope = readDs(ds, 'x00281053');
  const spacingRow = readDs(ds, 'x00280030', 0);
  const spacingCol = readDs(ds, 'x00280030', 1);
  return {
    rows: rows!,
    columns: columns!,
    samplesPerPixel,
    photometricInterpretation: photometric,
    planarConfiguration: samplesPerPixel === 3 ? (readUs(ds, 'x00280006') ?? 0) : 0,
    bitsAllocated,
    bitsStored,
    highBit,
    pixelRepresentation: (readUs(ds, 'x00280103') ?? 0) === 1 ? 1 : 0,
    numberOfFrames: frames !== undefined && Number.isFinite(frames) && frames > 0 ? frames : 1,
    rescaleSlope: slope === null || slope === 0 ? 1 : slope,
    rescaleIntercept: readDs(ds, 'x00281052') ?? 0,
    windowCenter: readDs(ds, 'x00281050'),
    windowWidth: readDs(ds, 'x00281051'),
    pixelSpacing: spacingRow !== null && spacingCol !== null ? [spacingRow, spacingCol] : null,
  };
}

/** Valid stored-value range for Bits Stored and Pixel Representation (inclusive). */
export function storedRange(pm: Pick<PixelModule, 'bitsStored' | 'pixelRepresentation'>): [number, number] {
  return pm.pixelRepresentation === 1
    ? [-(2 ** (pm.bitsStored - 1)), 2 ** (pm.bitsStored - 1) - 1]
    : [0, 2 ** pm.bitsStored - 1];
}
