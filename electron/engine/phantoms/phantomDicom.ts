/**
 * Wraps a phantom as a DX "For Presentation" DICOM instance (SOP class 1.2.840.10008.5.1.4.1.1.1.1):
 * MONOCHROME2, 16 bits allocated, 12 stored, unsigned, written as Part 10 in Explicit VR Little Endian
 * by the DICOM room's one writer (`serialise`, dcmjs). The patient is
 * named PHANTOM^… so nobody can mistake the file for a patient's. UIDs are 2.25 UUID-derived
 * (PS3.5 §B.2), name-based (SHA-1, RFC 4122 version 5), so the same phantom gets the same UIDs.
 */
import { createHash } from 'node:crypto';
import type { ChestPhantom } from './chestPhantom';
import { serialise } from '../../dicom/index';

/** Digital X-Ray Image Storage – For Presentation. */
export const DX_PRESENTATION_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.1.1';
/** Pixel spacing of a 512-pixel phantom, mm (a 43 cm detector). */
export const PHANTOM_PIXEL_SPACING_MM = 0.84;

/** A deterministic 2.25.<uuid> UID for `name` (UUID v5 over a fixed Aegis namespace). */
export function uidFor(name: string): string {
  const h = createHash('sha1').update('aegis-phantom-uid:').update(name).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  return `2.25.${BigInt('0x' + h.subarray(0, 16).toString('hex')).toString(10)}`;
}

/** Patient / study / series / instance identity of one phantom file. */
export interface PhantomDicomInfo {
  patientName: string;
  patientId: string;
  studyKey: string;
  studyDescription: string;
  seriesKey: string;
  seriesNumber: number;
  seriesDescription: string;
  instanceNumber: number;
}

/** Encodes one phantom as a DICOM Part 10 file; the ground truth is stated in Image Comments. */
export function phantomToDicom(p: ChestPhantom, info: PhantomDicomInfo): Uint8Array {
  if (!info.patientName.startsWith('PHANTOM^')) throw new Error(`phantom DICOM: patient name must start with PHANTOM^, got "${info.patientName}"`);
  const sopInstanceUid = uidFor(`${info.seriesKey}/${info.instanceNumber}/${p.seed}`);
  const spacing = ((PHANTOM_PIXEL_SPACING_MM * 512) / p.size).toFixed(4);
  const truth = p.nodules.length
    ? `nodule present (${p.nodules.map((n) => `x=${n.x.toFixed(0)} y=${n.y.toFixed(0)} r=${n.radius.toFixed(1)}px`).join('; ')})`
    : 'nodule absent';
  const ds = {
    ImageType: ['DERIVED', 'PRIMARY'],
    SOPClassUID: DX_PRESENTATION_SOP_CLASS,
    SOPInstanceUID: sopInstanceUid,
    StudyDate: '20260101',
    ContentDate: '20260101',
    StudyTime: '090000',
    ContentTime: '090000',
    AccessionNumber: '',
    Modality: 'DX',
    PresentationIntentType: 'FOR PRESENTATION',
    Manufacturer: 'Aegis synthetic phantom',
    ReferringPhysicianName: '',
    // Coded as BodyPartExamined says (CID 4031 Chest, SNOMED CT): an empty sequence means "unknown".
    AnatomicRegionSequence: [{ CodeValue: '51185008', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Chest' }],
    StudyDescription: info.studyDescription,
    SeriesDescription: info.seriesDescription,
    PatientName: info.patientName,
    PatientID: info.patientId,
    PatientBirthDate: '',
    PatientSex: 'O',
    BodyPartExamined: 'CHEST',
    ImagerPixelSpacing: [spacing, spacing],
    PositionerType: '',
    DetectorType: '',
    ViewPosition: 'PA',
    ViewCodeSequence: [{ CodeValue: '399348003', CodingSchemeDesignator: 'SCT', CodeMeaning: 'postero-anterior' }],
    StudyInstanceUID: uidFor(`study/${info.studyKey}`),
    SeriesInstanceUID: uidFor(`series/${info.seriesKey}`),
    StudyID: '1',
    SeriesNumber: String(info.seriesNumber),
    InstanceNumber: String(info.instanceNumber),
    PatientOrientation: ['L', 'F'],
    ImageLaterality: 'U',
    ImageComments: `Synthetic phantom, seed ${p.seed}, ${truth}. Not a patient; not for clinical use.`,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: p.size,
    Columns: p.size,
    PixelSpacing: [spacing, spacing],
    BitsAllocated: 16,
    BitsStored: 12,
    HighBit: 11,
    PixelRepresentation: 0,
    PixelIntensityRelationship: 'LIN',
    PixelIntensityRelationshipSign: 1,
    WindowCenter: '2048',
    WindowWidth: '4096',
    RescaleIntercept: '0',
    RescaleSlope: '1',
    RescaleType: 'US',
    LossyImageCompression: '00',
    BurnedInAnnotation: 'NO',
    AcquisitionContextSequence: [],
    PresentationLUTShape: 'IDENTITY',
    PixelData: [p.pixels.buffer.slice(p.pixels.byteOffset, p.pixels.byteOffset + p.pixels.byteLength)],
    _vrMap: { PixelData: 'OW' },
  };
  return serialise(ds, { ImplementationVersionName: 'AEGIS_PHANTOM' });
}
