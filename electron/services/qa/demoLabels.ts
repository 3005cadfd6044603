/**
 * Labels for the demo study (electron/engine/phantoms/generateDemoStudy): its ground-truth.json says
 * which phantoms carry a nodule; this writes the `file,label` CSV a QA session reads, labels by the
 * demo classifier's class names.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../base/atomicWrite';
import { ApiError } from '../apiError';

/**
 * Writes `<outDir>/demo-labels.csv` for the demo study in `demoDir`, the first `images` of its
 * images in study order (all when undefined); returns the CSV's path.
 * @throws ApiError 'failed' when the demo study has not been written yet (open it first).
 */
export async function writeDemoLabels(demoDir: string, outDir: string, images?: number): Promise<string> {
  const text = await readFile(join(demoDir, 'ground-truth.json'), 'utf8').catch(() => null);
  if (text === null) throw new ApiError('failed', `The demo study is not in ${demoDir} yet; open it first (Review mode → Open demo study).`);
  const truth = JSON.parse(text) as { images: { file: string; nodulePresent: boolean }[] };
  const rows = truth.images.slice(0, images ?? truth.images.length).map((i) => `${i.file.split('\\').join('/')},${i.nodulePresent ? 'nodule present' : 'nodule absent'}`);
  const csv = join(outDir, 'demo-labels.csv');
  writeFileAtomic(csv, ['file,label', ...rows].join('\n') + '\n');
  return csv;
}
