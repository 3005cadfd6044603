/**
 * Test helpers writing small real DICOM studies (H3's fixture writer) plus the kinds of junk a real
 * folder holds, for the studies handlers.
 */
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pixelModuleElements, synthesize, type ImageSpec, type SyntheticPixels } from '../fixtures/dicom/syntheticImage';
import { writePart10, type El } from '../fixtures/dicom/writePart10';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/** One written slice: its file and the stored values a correct reader returns. */
export interface WrittenSlice {
  path: string;
  sopInstanceUid: string;
  values: SyntheticPixels['values'];
  /** Position along the slice normal (z, mm). */
  z: number;
}

/** Options of {@link writeSeries}. */
export interface SeriesSpec {
  dir: string;
  patientName: string;
  studyUid: string;
  seriesUid: string;
  seriesNumber: number;
  modality?: string;
  slices: number;
  rows?: number;
  columns?: number;
  frames?: number;
  seed?: number;
}

/**
 * Writes a series of signed 16-bit slices along z. File names run opposite to z so a reader that
 * sorts by name, not position, gets the order wrong. Returns slices in ascending z.
 */
export function writeSeries(s: SeriesSpec): WrittenSlice[] {
  mkdirSync(s.dir, { recursive: true });
  const out: WrittenSlice[] = [];
  for (let i = 0; i < s.slices; i++) {
    const spec: ImageSpec = { rows: s.rows ?? 16, columns: s.columns ?? 12, frames: s.frames, bitsAllocated: 16, bitsStored: 16, signed: true, seed: (s.seed ?? 1) * 1000 + i };
    const px = synthesize(spec);
    const sop = `${s.seriesUid}.${i + 1}`;
    const z = -50 + 2.5 * i;
    const els: El[] = [
      [0x00080016, 'UI', CT_IMAGE_STORAGE],
      [0x00080018, 'UI', sop],
      [0x00080020, 'DA', '20240102'],
      [0x00080060, 'CS', s.modality ?? 'CT'],
      [0x0008103e, 'LO', `Series ${s.seriesNumber}`],
      [0x00100010, 'PN', s.patientName],
      [0x00100020, 'LO', `ID-${s.patientName}`],
      [0x0020000d, 'UI', s.studyUid],
      [0x0020000e, 'UI', s.seriesUid],
      [0x00200011, 'IS', String(s.seriesNumber)],
      [0x00200013, 'IS', String(s.slices - i)],
      [0x00200032, 'DS', `0\\0\\${z}`],
      [0x00200037, 'DS', '1\\0\\0\\0\\1\\0'],
      ...pixelModuleElements(spec),
      [0x00281052, 'DS', '-1024'],
      [0x00281053, 'DS', '1'],
      [0x7fe00010, 'OW', px.bytes],
    ];
    els.sort((a, b) => a[0] - b[0]);
    const path = join(s.dir, `img${String(s.slices - i).padStart(4, '0')}.dcm`);
    writeFileSync(path, writePart10(els, { transferSyntax: EXPLICIT_LE }));
    out.push({ path, sopInstanceUid: sop, values: px.values, z });
  }
  return out;
}

/** Writes one 8-bit RGB ultrasound image with planar configuration 1; returns its interleaved samples. */
export function writeRgb(path: string, sopInstanceUid: string): WrittenSlice {
  const spec: ImageSpec = { rows: 6, columns: 5, bitsAllocated: 8, samplesPerPixel: 3, planar: 1, seed: 3 };
  const px = synthesize(spec);
  const els: El[] = [
    [0x00080016, 'UI', '1.2.840.10008.5.1.4.1.1.6.1'],
    [0x00080018, 'UI', sopInstanceUid],
    [0x00080060, 'CS', 'US'],
    [0x00100010, 'PN', 'Colour^Case'],
    [0x0020000d, 'UI', `${sopInstanceUid}.0`],
    [0x0020000e, 'UI', `${sopInstanceUid}.1`],
    ...pixelModuleElements(spec),
    [0x7fe00010, 'OB', px.bytes],
  ];
  els.sort((a, b) => a[0] - b[0]);
  writeFileSync(path, writePart10(els, { transferSyntax: EXPLICIT_LE }));
  return { path, sopInstanceUid, values: px.values, z: 0 };
}

/** Writes junk a real folder holds; returns each junk path with the start of the reason expected for it. */
export function writeJunk(dir: string): Array<{ path: string; reason: RegExp }> {
  mkdirSync(dir, { recursive: true });
  const text = join(dir, 'notes.txt');
  writeFileSync(text, 'Radiology report, not an image.\n'.repeat(20));
  const empty = join(dir, 'empty.dcm');
  writeFileSync(empty, new Uint8Array(0));
  const truncated = join(dir, 'truncated.dcm');
  const whole = writePart10(
    [
      [0x00080016, 'UI', CT_IMAGE_STORAGE],
      [0x00080018, 'UI', '1.2.3.999'],
      [0x00100010, 'PN', 'Cut^Off'],
      ...pixelModuleElements({ rows: 64, columns: 64, bitsAllocated: 16 }),
      [0x7fe00010, 'OW', new Uint8Array(64 * 64 * 2)],
    ],
    { transferSyntax: EXPLICIT_LE },
  );
  writeFileSync(truncated, whole.subarray(0, whole.length - 3000));
  const dangling = join(dir, 'gone.dcm');
  symlinkSync(join(dir, 'deleted-long-ago.dcm'), dangling);
  const unreadable: Array<{ path: string; reason: RegExp }> = [];
  if (process.getuid?.() !== 0) {
    // Root reads anything, so only a normal user can make a file it may not read.
    const locked = join(dir, 'locked.dcm');
    writeFileSync(locked, 'secret');
    chmodSync(locked, 0o000);
    unreadable.push({ path: locked, reason: /permission denied/ });
  }
  return [
    ...unreadable,
    { path: text, reason: /not a DICOM file|DICOM/i },
    { path: empty, reason: /empty|not a DICOM/i },
    { path: truncated, reason: /truncated|expected/i },
    { path: dangling, reason: /not found/i },
  ];
}
