/**
 * `aegis phantoms --out DIR`: synthetic chest-radiograph phantoms as DICOM (PHANTOM patients), with
 * their lung masks as PNG and a ground-truth.json — test data for QA sessions and reader studies.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { phantomToDicom } from '../../engine/phantoms/phantomDicom';
import { generateChestPhantom } from '../../engine/phantoms/chestPhantom';
import { encodePng } from '../../base/png';
import { UsageError, type Command } from '../command';
import { parseCommandArgs } from '../args';

export const phantoms: Command = {
  usage: [
    'Usage: aegis phantoms --out DIR [--first SEED] [--count N]',
    '',
    'Writes DIR/PHANTOM_<seed>.dcm (DX, 512×512, 12 bits stored, patient PHANTOM^<seed>), DIR/PHANTOM_<seed>_lungs.png',
    'and DIR/ground-truth.json for seeds SEED … SEED+N−1 (default 1 and 10). An odd seed carries one nodule.',
    'The same seed always gives the same image. Synthetic data; not for clinical use.',
  ].join('\n'),
  async run(argv) {
    const { values: v } = parseCommandArgs('phantoms', argv, { out: { type: 'string' }, first: { type: 'string' }, count: { type: 'string' } }, false);
    if (!v.out) throw new UsageError('--out DIR is required');
    const first = Number(v.first ?? 1);
    const count = Number(v.count ?? 10);
    if (!Number.isInteger(first) || first < 0) throw new UsageError(`--first must be a non-negative integer, not "${v.first}"`);
    if (!Number.isInteger(count) || count < 1 || count > 10000) throw new UsageError(`--count must be an integer from 1 to 10000, not "${v.count}"`);
    const dir = resolve(v.out);
    mkdirSync(dir, { recursive: true });
    const truth = [];
    for (let seed = first; seed < first + count; seed++) {
      const p = generateChestPhantom(seed, { nodules: seed % 2 });
      const name = `PHANTOM_${seed}`;
      writeFileSync(
        join(dir, `${name}.dcm`),
        phantomToDicom(p, {
          patientName: `PHANTOM^${seed}`,
          patientId: name,
          studyKey: `phantoms/${seed}`,
          studyDescription: 'Synthetic PA chest phantom (not a patient)',
          seriesKey: `phantoms/${seed}/1`,
          seriesNumber: 1,
          seriesDescription: 'PA chest (PHANTOM)',
          instanceNumber: 1,
        }),
      );
      writeFileSync(join(dir, `${name}_lungs.png`), encodePng({ width: p.size, height: p.size, channels: 1, bitDepth: 8, data: Uint8Array.from(p.lungMask, (m) => m * 255) }));
      truth.push({ file: `${name}.dcm`, mask: `${name}_lungs.png`, seed, nodules: p.nodules });
    }
    writeFileSync(join(dir, 'ground-truth.json'), JSON.stringify({ note: 'Synthetic phantoms; positions in pixels.', images: truth }, null, 2) + '\n');
    console.log(`${count} phantoms written to ${dir}`);
    return 0;
  },
};
