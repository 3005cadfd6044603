/**
 * Writes an attacked (or otherwise derived) frame as a new DICOM instance in a new series of the
 * same study, with dcmjs: DERIVED\SECONDARY, Derivation Description and Code Sequence, Source Image
 * Sequence, the source's pixel format uncompressed in Explicit VR Little Endian, patient/study
 * attributes copied. The source file is only ever read.
 */
import { join } from 'node:path';
import type { StoredPixels } from './decodeFrame';
import { DicomError } from './dicomError';
import { pixelModule } from './pixelModule';
import { naturalize, serialise } from './dcmjsIo';
import { loadInstance } from './parseInstance';
import { writeNew } from './safeWrite';
import { newUid } from './uid';

/** What to derive and where to put it. */
export interface DeriveRequest {
  /** Path of the original instance (opened read-only). */
  source: string;
  /** 0-based frame of the source the pixels replace. */
  frame?: number;
  /** New stored values, rows×columns (×3 interleaved RGB for colour), in the source's Bits Stored range. */
  storedPixels: StoredPixels;
  /** Attack or operation name, e.g. "PGD". */
  method: string;
  /** Budget in the display-normalised units of the attack (e.g. eps = 0.02). */
  budget: number;
  /** Extra words for the Derivation Description (steps, model, norm …). */
  details?: string;
  /** Series to add to (several frames of one attack share a series); a new one when absent. */
  seriesInstanceUid?: string;
  seriesNumber?: number;
  outDir: string;
  /** File name inside `outDir` (default `<SOPInstanceUID>.dcm`); an existing file is never replaced. */
  fileName?: string;
}

/** The written file and its UIDs. */
export interface DerivedInstance {
  path: string;
  sopInstanceUid: string;
  seriesInstanceUid: string;
}

/** Elements that describe the source's frames or encoding and do not carry over to one new frame. */
const DROP = [
  'NumberOfFrames', 'FrameIncrementPointer', 'PerFrameFunctionalGroupsSequence', 'SharedFunctionalGroupsSequence',
  'ExtendedOffsetTable', 'ExtendedOffsetTableLengths', 'IconImageSequence', 'DataSetTrailingPadding',
  'PlanarConfiguration', 'SmallestImagePixelValue', 'LargestImagePixelValue', 'ReferencedImageSequence',
];

/** The Derivation Code Sequence item that marks an attacked image, in Aegis's private coding scheme. */
export const ADVERSARIAL_CODE = { value: 'ADVERSARIAL', scheme: '99AEGIS', meaning: 'Adversarial perturbation (Aegis)' } as const;

/**
 * Series Description of a derived series: method and budget first, so series derived from one
 * source by different attacks read apart in a browser that truncates ("PGD eps 0.02 of CHEST PA"),
 * at most 64 characters (LO).
 */
export function derivedSeriesDescription(method: string, budget: number, sourceSeries: string): string {
  return `${method} eps ${budget} of ${sourceSeries}`.slice(0, 64);
}

const code = (value: string, meaning: string) => ({ CodeValue: value, CodingSchemeDesignator: 'DCM', CodeMeaning: meaning });

/** Writes the derived instance as `<outDir>/<fileName or SOPInstanceUID.dcm>` and returns where. */
export async function writeDerived(req: DeriveRequest): Promise<DerivedInstance> {
  const source = await loadInstance(req.source);
  const pm = pixelModule(source);
  if (pm.bitsAllocated === 1) throw new DicomError('1-bit images cannot be written as derived images', req.source);
  const frame = req.frame ?? 0;
  const expected = pm.rows * pm.columns * pm.samplesPerPixel;
  if (req.storedPixels.length !== expected) {
    throw new DicomError(`derived pixels are ${req.storedPixels.length} values, expected ${expected} (${pm.rows}×${pm.columns}×${pm.samplesPerPixel})`, req.source);
  }
  const ds = naturalize(source, 'rewritten as a derived image');
  const sopInstanceUid = newUid();
  const seriesInstanceUid = req.seriesInstanceUid ?? newUid();
  const now = new Date();
  const date = now.toISOString().slice(0, 10).replace(/-/g, '');
  const time = now.toISOString().slice(11, 19).replace(/:/g, '');
  const sourceClass = String(ds.SOPClassUID ?? '');
  const sourceUid = String(ds.SOPInstanceUID ?? '');
  for (const key of DROP) delete ds[key];
  if (ds._vrMap) delete ds._vrMap.PixelData;
  const imageType = Array.isArray(ds.ImageType) ? (ds.ImageType as string[]) : [];
  const description = `AEGIS ADVERSARIAL ${req.method} budget ${req.budget}${req.details ? `; ${req.details}` : ''}`;
  const sourceSeries = String(ds.SeriesDescription ?? '').trim() || `series ${String(ds.SeriesNumber ?? '?')}`;
  Object.assign(ds, {
    SOPInstanceUID: sopInstanceUid,
    SeriesInstanceUID: seriesInstanceUid,
    SeriesNumber: req.seriesNumber ?? (Number(ds.SeriesNumber ?? 0) || 0) + 1000,
    SeriesDescription: derivedSeriesDescription(req.method, req.budget, sourceSeries),
    ImageComments: `Adversarially perturbed by Aegis (${req.method}, budget ${req.budget}); not for clinical use.`.slice(0, 10240),
    SeriesDate: date,
    SeriesTime: time,
    ContentDate: date,
    ContentTime: time,
    InstanceCreationDate: date,
    InstanceCreationTime: time,
    InstanceNumber: frame + 1,
    ImageType: ['DERIVED', 'SECONDARY', ...imageType.slice(2)],
    DerivationDescription: description.slice(0, 1024),
    // The standard code says how; the private-scheme code (99AEGIS, PS3.16 §8.2) says machine-readably what.
    DerivationCodeSequence: [code('113042', 'Pixel by pixel addition'), { CodeValue: ADVERSARIAL_CODE.value, CodingSchemeDesignator: ADVERSARIAL_CODE.scheme, CodeMeaning: ADVERSARIAL_CODE.meaning }],
    SourceImageSequence: [
      {
        ReferencedSOPClassUID: sourceClass,
        ReferencedSOPInstanceUID: sourceUid,
        ...(pm.numberOfFrames > 1 ? { ReferencedFrameNumber: frame + 1 } : {}),
        PurposeOfReferenceCodeSequence: [code('121322', 'Source image for image processing operation')],
      },
    ],
    PixelData: [pixelBytes(req.storedPixels, pm.bitsAllocated)],
  });
  if (pm.samplesPerPixel === 3) Object.assign(ds, { PhotometricInterpretation: 'RGB', PlanarConfiguration: 0 });
  ds._vrMap = { ...(ds._vrMap ?? {}), PixelData: pm.bitsAllocated > 8 ? 'OW' : 'OB' };
  const path = join(req.outDir, req.fileName ?? `${sopInstanceUid}.dcm`);
  await writeNew(path, serialise(ds, { ImplementationVersionName: 'AEGIS_1' }));
  return { path, sopInstanceUid, seriesInstanceUid };
}

/** Stored values as little-endian bytes of Bits Allocated width. */
function pixelBytes(stored: StoredPixels, bitsAllocated: number): ArrayBuffer {
  const n = stored.length;
  const out = bitsAllocated <= 8 ? new Uint8Array(n) : bitsAllocated === 16 ? new Uint16Array(n) : new Uint32Array(n);
  const mask = bitsAllocated >= 32 ? 0xffffffff : 2 ** bitsAllocated - 1;
  for (let i = 0; i < n; i++) out[i] = (stored[i]! & mask) >>> 0;
  return out.buffer;
}
