/**
 * The demo study: one PHANTOM patient, one study, two series of ten PA chest phantoms each, half of
 * them with a nodule, written as DICOM plus a ground-truth.json beside them. Deterministic: the same
 * call always writes byte-identical files, so nothing has to be shipped (about 10 MB, made in seconds).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../base/atomicWrite';
import { generateChestPhantom } from './chestPhantom';
import { phantomToDicom } from './phantomDicom';

/** Seeds of the demo images; disjoint from the training (1..) and held-out (1_000_000..) ranges. */
export const DEMO_SEED_BASE = 900_000;
/** Images per series. */
const PER_SERIES = 10;

/** What the demo writer made: one entry per file, with its ground truth. */
export interface DemoImage {
  file: string;
  seed: number;
  series: number;
  instance: number;
  nodulePresent: boolean;
  nodules: { x: number; y: number; radius: number; contrast: number }[];
}

const SERIES = [
  { number: 1, description: 'PA chest, screening set A (PHANTOM)' },
  { number: 2, description: 'PA chest, screening set B (PHANTOM)' },
];

/**
 * Writes the demo study into `dir` (created if needed): `series-1/IMG0001.dcm` … and
 * `ground-truth.json`. Returns the images written, in order.
 */
export function generateDemoStudy(dir: string): DemoImage[] {
  const images: DemoImage[] = [];
  for (const series of SERIES) {
    const seriesDir = join(dir, `series-${series.number}`);
    mkdirSync(seriesDir, { recursive: true });
    for (let i = 1; i <= PER_SERIES; i++) {
      const seed = DEMO_SEED_BASE + series.number * 100 + i;
      // Alternating present/absent, shifted in the second series so positions do not give it away.
      const nodulePresent = (i + series.number) % 2 === 0;
      const p = generateChestPhantom(seed, { nodules: nodulePresent ? 1 : 0 });
      const file = join(`series-${series.number}`, `IMG${String(i).padStart(4, '0')}.dcm`);
      writeFileAtomic(
        join(dir, file),
        phantomToDicom(p, {
          patientName: 'PHANTOM^DEMO CHEST',
          patientId: 'PHANTOM-0001',
          studyKey: 'aegis-demo-study-1',
          studyDescription: 'Aegis demo: synthetic PA chest phantoms (not a patient)',
          seriesKey: `aegis-demo-study-1/series-${series.number}`,
          seriesNumber: series.number,
          seriesDescription: series.description,
          instanceNumber: i,
        }),
      );
      images.push({ file, seed, series: series.number, instance: i, nodulePresent, nodules: p.nodules });
    }
  }
  writeFileAtomic(join(dir, 'ground-truth.json'), JSON.stringify({ note: 'Synthetic phantoms; nodule ground truth in pixels of the 512×512 image.', images }, null, 2) + '\n');
  return images;
}
