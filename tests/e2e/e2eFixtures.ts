/**
 * The DICOM folders the end-to-end specs open, generated (never downloaded) from the fixture
 * writer in tests/fixtures/dicom: a multi-series study (CT stack, MR stack, 8-bit multi-frame cine)
 * and a bad-input folder (good CT slices, a text file, a DICOM file cut inside its pixel data).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commonElements } from '../fixtures/dicom/baseFile';
import { pixelModuleElements, synthesize, type ImageSpec } from '../fixtures/dicom/syntheticImage';
import { writePart10, type El } from '../fixtures/dicom/writePart10';
import { BAD_INPUT_DIR, MULTI_SERIES_DIR } from './e2eEnv';

/** One generated series. */
interface SeriesPlan {
  name: string;
  modality: string;
  seriesNumber: number;
  spec: ImageSpec;
  /** One file per frame (a stack) or one multi-frame file. */
  split: boolean;
  extra: El[];
}

const CT_WINDOW: El[] = [
  [0x00281050, 'DS', '1200'],
  [0x00281051, 'DS', '2400'],
  [0x00281052, 'DS', '-1024'],
  [0x00281053, 'DS', '1'],
];

/** The multi-series folder's series (display names are the Series Descriptions). */
export const MULTI_SERIES: SeriesPlan[] = [
  { name: 'CT axial', modality: 'CT', seriesNumber: 1, split: true, extra: CT_WINDOW, spec: { rows: 128, columns: 128, frames: 12, bitsAllocated: 16, bitsStored: 12, seed: 11 } },
  { name: 'MR T1 axial', modality: 'MR', seriesNumber: 2, split: true, extra: [], spec: { rows: 96, columns: 112, frames: 10, bitsAllocated: 16, bitsStored: 12, seed: 12 } },
  { name: 'XA cine', modality: 'XA', seriesNumber: 3, split: false, extra: [], spec: { rows: 64, columns: 64, frames: 8, bitsAllocated: 8, seed: 13 } },
];

/** What the bad-input folder holds and the reason each bad file must be given. */
export const BAD_INPUT = {
  seriesName: 'CT bad-input folder',
  goodSlices: 3,
  badFiles: [
    { name: 'notes.txt', reason: /not a DICOM file/i },
    { name: 'truncated.dcm', reason: /truncated/i },
  ],
};

const STUDY = 'e2e-study';

/** Part 10 files of a series: one per frame for stacks, else one multi-frame file. */
function seriesFiles(plan: SeriesPlan, study: string): { name: string; bytes: Uint8Array }[] {
  const frames = plan.spec.frames ?? 1;
  const px = synthesize(plan.spec);
  const ts = '1.2.840.10008.1.2.1';
  const series = `${study}/${plan.name}`;
  if (!plan.split) {
    const els: El[] = [
      ...commonElements({ name: plan.name, modality: plan.modality, study, series, instance: 1, seriesNumber: plan.seriesNumber }),
      ...pixelModuleElements(plan.spec),
      ...plan.extra,
      [0x7fe00010, plan.spec.bitsAllocated === 8 ? 'OB' : 'OW', px.bytes],
    ];
    return [{ name: `${plan.seriesNumber}-multiframe.dcm`, bytes: writePart10(els, { transferSyntax: ts }) }];
  }
  const frameBytes = px.bytes.length / frames;
  const single = { ...plan.spec, frames: 1 };
  return Array.from({ length: frames }, (_, f) => {
    const els: El[] = [
      ...commonElements({ name: plan.name, modality: plan.modality, study, series, instance: f + 1, seriesNumber: plan.seriesNumber, position: [0, 0, f * 2.5] }),
      ...pixelModuleElements(single),
      ...plan.extra,
      [0x7fe00010, plan.spec.bitsAllocated === 8 ? 'OB' : 'OW', px.bytes.subarray(f * frameBytes, (f + 1) * frameBytes)],
    ];
    return { name: `${plan.seriesNumber}-${String(f + 1).padStart(3, '0')}.dcm`, bytes: writePart10(els, { transferSyntax: ts }) };
  });
}

/** Writes both folders (the caller provides empty parents). */
export async function makeE2eFixtures(): Promise<void> {
  for (const plan of MULTI_SERIES) {
    const dir = join(MULTI_SERIES_DIR, plan.name.replace(/\W+/g, '-'));
    mkdirSync(dir, { recursive: true });
    for (const f of seriesFiles(plan, STUDY)) writeFileSync(join(dir, f.name), f.bytes);
  }

  mkdirSync(BAD_INPUT_DIR, { recursive: true });
  const ct = { ...MULTI_SERIES[0], name: BAD_INPUT.seriesName, spec: { ...MULTI_SERIES[0].spec, frames: BAD_INPUT.goodSlices + 1 } };
  const files = seriesFiles(ct, 'e2e-bad-study');
  files.slice(0, BAD_INPUT.goodSlices).forEach((f) => writeFileSync(join(BAD_INPUT_DIR, f.name), f.bytes));
  const last = files[BAD_INPUT.goodSlices].bytes;
  // Cut inside the pixel data: the header is intact, the pixels are not all there.
  writeFileSync(join(BAD_INPUT_DIR, 'truncated.dcm'), last.subarray(0, last.length - 4000));
  writeFileSync(join(BAD_INPUT_DIR, 'notes.txt'), 'Reading list for Monday.\nNot an image.\n');
}
