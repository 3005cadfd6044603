/**
 * Wraps a phantom as a DX "For Presentation" DICOM instance (SOP class 1.2.840.10008.5.1.4.1.1.1.1):
 * MONOCHROME2, 16 bits allocated, 12 stored, unsigned, Explicit VR Little Endian. The patient is
 * named PHANTOM^… so nobody can mistake the file for a patient's. UIDs are 2.25 UUID-derived
 * (PS3.5 §B.2), name-based (SHA-1, RFC 4122 version 5), so the same phantom gets the same UIDs.
 */
import { createHash } from 'node:crypto';
import type { ChestPhantom } from './chestPhantom';
import { writePart10, type Element } from './part10Writer';

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
  const ds: Element[] = [
    { tag: 0x00080008, vr: 'CS', value: ['DERIVED', 'PRIMARY'] },
    { tag: 0x00080016, vr: 'UI', value: DX_PRESENTATION_SOP_CLASS },
    { tag: 0x00080018, vr: 'UI', value: sopInstanceUid },
    { tag: 0x00080020, vr: 'DA', value: '20260101' },
    { tag: 0x00080023, vr: 'DA', value: '20260101' },
    { tag: 0x00080030, vr: 'TM', value: '090000' },
    { tag: 0x00080033, vr: 'TM', value: '090000' },
    { tag: 0x00080050, vr: 'SH', value: '' },
    { tag: 0x00080060, vr: 'CS', value: 'DX' },
    { tag: 0x00080068, vr: 'CS', value: 'FOR PRESENTATION' },
    { tag: 0x00080070, vr: 'LO', value: 'Aegis synthetic phantom' },
    { tag: 0x00080090, vr: 'PN', value: '' },
    { tag: 0x00082218, vr: 'SQ', value: new Uint8Array(0) },
    { tag: 0x00081030, vr: 'LO', value: info.studyDescription },
    { tag: 0x0008103e, vr: 'LO', value: info.seriesDescription },
    { tag: 0x00100010, vr: 'PN', value: info.patientName },
    { tag: 0x00100020, vr: 'LO', value: info.patientId },
    { tag: 0x00100030, vr: 'DA', value: '' },
    { tag: 0x00100040, vr: 'CS', value: 'O' },
    { tag: 0x00180015, vr: 'CS', value: 'CHEST' },
    { tag: 0x00181164, vr: 'DS', value: [spacing, spacing] },
    { tag: 0x00181508, vr: 'CS', value: '' },
    { tag: 0x00187004, vr: 'CS', value: '' },
    { tag: 0x00185101, vr: 'CS', value: 'PA' },
    { tag: 0x0020000d, vr: 'UI', value: uidFor(`study/${info.studyKey}`) },
    { tag: 0x0020000e, vr: 'UI', value: uidFor(`series/${info.seriesKey}`) },
    { tag: 0x00200010, vr: 'SH', value: '1' },
    { tag: 0x00200011, vr: 'IS', value: String(info.seriesNumber) },
    { tag: 0x00200013, vr: 'IS', value: String(info.instanceNumber) },
    { tag: 0x00200020, vr: 'CS', value: ['L', 'F'] },
    { tag: 0x00200062, vr: 'CS', value: 'U' },
    { tag: 0x00204000, vr: 'LT', value: `Synthetic phantom, seed ${p.seed}, ${truth}. Not a patient; not for clinical use.` },
    { tag: 0x00280002, vr: 'US', value: 1 },
    { tag: 0x00280004, vr: 'CS', value: 'MONOCHROME2' },
    { tag: 0x00280010, vr: 'US', value: p.size },
    { tag: 0x00280011, vr: 'US', value: p.size },
    { tag: 0x00280030, vr: 'DS', value: [spacing, spacing] },
    { tag: 0x00280100, vr: 'US', value: 16 },
    { tag: 0x00280101, vr: 'US', value: 12 },
    { tag: 0x00280102, vr: 'US', value: 11 },
    { tag: 0x00280103, vr: 'US', value: 0 },
    { tag: 0x00281040, vr: 'CS', value: 'LIN' },
    { tag: 0x00281041, vr: 'SS', value: 1 },
    { tag: 0x00281050, vr: 'DS', value: '2048' },
    { tag: 0x00281051, vr: 'DS', value: '4096' },
    { tag: 0x00281052, vr: 'DS', value: '0' },
    { tag: 0x00281053, vr: 'DS', value: '1' },
    { tag: 0x00281054, vr: 'LO', value: 'US' },
    { tag: 0x00282110, vr: 'CS', value: '00' },
    { tag: 0x00280301, vr: 'CS', value: 'NO' },
    { tag: 0x00400555, vr: 'SQ', value: new Uint8Array(0) },
    { tag: 0x20500020, vr: 'CS', value: 'IDENTITY' },
    { tag: 0x7fe00010, vr: 'OW', value: p.pixels },
  ];
  return writePart10(ds, DX_PRESENTATION_SOP_CLASS, sopInstanceUid);
}
