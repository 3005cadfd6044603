/**
 * The DICOM folders the end-to-end specs open, generated (never downloaded) with the fixture
 * writers in tests/fixtures/dicom: a multi-series study (CT and MR stacks from makeStudyFolder, plus
 * an 8-bit multi-frame XA cine carrying a sequence for the tag browser, and an RGB image) and a bad-input folder
 * (good CT slices, a text file, a random-bytes file, a DICOM file cut inside its pixel data), and
 * a folder of 10,000 mixed files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commonElements, testUid } from '../fixtures/dicom/baseFile';
import { makeStudyFolder, type SeriesSpec } from '../fixtures/dicom/studyFolder';
import { pixelModuleElements, synthesize, type ImageSpec } from '../fixtures/dicom/syntheticImage';
import { writePart10, type El } from '../fixtures/dicom/writePart10';
import { BAD_INPUT_DIR, LARGE_DIR, MULTI_SERIES_DIR } from './e2eEnv';

const STACKS: SeriesSpec[] = [
  { modality: 'CT', slices: 12, rows: 128, cols: 128, description: 'CT axial' },
  { modality: 'MR', slices: 10, rows: 96, cols: 112, description: 'MR T1 axial' },
];
const CINE_SPEC: ImageSpec = { rows: 64, columns: 64, frames: 8, bitsAllocated: 8, seed: 13 };
const CINE_NAME = 'XA cine';
/** An RGB image stored colour-by-plane (Planar Configuration 1), as some ultrasound exports are. */
const COLOUR_SPEC: ImageSpec = { rows: 80, columns: 96, samplesPerPixel: 3, photometric: 'RGB', planar: 1, bitsAllocated: 8, seed: 14 };
const COLOUR_NAME = 'US colour';

/** The multi-series folder's series as the browser lists them: description and image count. */
export const MULTI_SERIES = [
  ...STACKS.map((s) => ({ name: s.description as string, images: s.slices })),
  { name: CINE_NAME, images: CINE_SPEC.frames as number },
  { name: COLOUR_NAME, images: 1 },
];

/** The colour series' name in the browser. */
export const COLOUR_SERIES = COLOUR_NAME;

/** The sequence in the cine file, as the tag browser must show it. */
export const CINE_SEQUENCE = { tag: '(0008,1140)', itemTag: '(0008,1155)' };

/** What the bad-input folder holds and the reason each bad file must be given. */
export const BAD_INPUT = {
  seriesName: 'CT bad-input folder',
  goodSlices: 3,
  badFiles: [
    { name: 'junk0.txt', reason: /not a DICOM file/i },
    { name: 'junk1.dcm', reason: /\w/ },
    { name: 'truncated.dcm', reason: /truncated/i },
  ],
};

/** The 10,000-file folder: the one series in it and how many junk files surround it. */
export const LARGE_FOLDER = { seriesName: 'CT in a crowded folder', slices: 10, junkFiles: 9990 };

/** One 8-bit multi-frame XA file (cine), with a Referenced Image Sequence. */
function cineFile(): Uint8Array {
  const study = 'e2e-multi';
  const px = synthesize(CINE_SPEC);
  const els: El[] = [
    ...commonElements({ name: CINE_NAME, modality: 'XA', study, series: `${study}/cine`, instance: 1, seriesNumber: 3 }),
    ...pixelModuleElements(CINE_SPEC),
    [0x00081140, 'SQ', [[
      [0x00081150, 'UI', '1.2.840.10008.5.1.4.1.1.12.1'],
      [0x00081155, 'UI', testUid('e2e-multi/referenced')],
    ]]],
    [0x00181063, 'DS', '66.7'],
    [0x7fe00010, 'OB', px.bytes],
  ];
  return writePart10(els, { transferSyntax: '1.2.840.10008.1.2.1' });
}

/** One RGB ultrasound-like image, planar configuration 1. */
function colourFile(): Uint8Array {
  const study = 'e2e-multi';
  const els: El[] = [
    ...commonElements({ name: COLOUR_NAME, modality: 'US', study, series: `${study}/colour`, instance: 1, seriesNumber: 4 }),
    ...pixelModuleElements(COLOUR_SPEC),
    [0x7fe00010, 'OB', synthesize(COLOUR_SPEC).bytes],
  ];
  return writePart10(els, { transferSyntax: '1.2.840.10008.1.2.1' });
}

/** Writes both folders (the caller provides an empty parent). */
export async function makeE2eFixtures(): Promise<void> {
  makeStudyFolder(MULTI_SERIES_DIR, { series: STACKS, label: 'e2e-multi' });
  mkdirSync(join(MULTI_SERIES_DIR, 'cine'), { recursive: true });
  writeFileSync(join(MULTI_SERIES_DIR, 'cine', 'xa-cine.dcm'), cineFile());
  writeFileSync(join(MULTI_SERIES_DIR, 'cine', 'us-colour.dcm'), colourFile());

  const bad = makeStudyFolder(BAD_INPUT_DIR, {
    series: [{ modality: 'CT', slices: BAD_INPUT.goodSlices, rows: 64, cols: 64, description: BAD_INPUT.seriesName }],
    junkFiles: 2,
    label: 'e2e-bad',
  });
  makeStudyFolder(LARGE_DIR, {
    series: [{ modality: 'CT', slices: LARGE_FOLDER.slices, rows: 64, cols: 64, description: LARGE_FOLDER.seriesName }],
    junkFiles: LARGE_FOLDER.junkFiles,
    label: 'e2e-large',
  });

  // Cut inside the pixel data: the header is intact, the pixels are not all there.
  const whole = readFileSync(bad.files[0]);
  writeFileSync(join(BAD_INPUT_DIR, 'truncated.dcm'), whole.subarray(0, whole.length - 1000));
}
