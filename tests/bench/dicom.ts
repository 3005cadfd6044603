/**
 * DICOM benchmarks: decode throughput (frames/s, MB/s of decoded stored values) per transfer syntax
 * on 512×512 images, as ratios to uncompressed Explicit VR Little Endian measured in the same run;
 * and the time to index a folder of 1,000 files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFrame, indexPaths, loadInstance } from '../../electron/dicom';
import type { BaseImage } from '../fixtures/dicom/baseImages';
import { baseElements, baseFile } from '../fixtures/dicom/baseFile';
import { encodeHtj2kFile, loadHtj2kEncoder } from '../fixtures/dicom/encapsulate';
import { GENERATED } from '../fixtures/dicom/makeFixtures';
import { makeStudyFolder } from '../fixtures/dicom/studyFolder';

const CT: BaseImage = { name: 'bench_ct', modality: 'CT', spec: { rows: 512, columns: 512, bitsAllocated: 16, bitsStored: 16, signed: true, seed: 5 }, codecs: true };
const MR: BaseImage = { name: 'bench_mr', modality: 'MR', spec: { rows: 512, columns: 512, bitsAllocated: 16, bitsStored: 12, seed: 6 }, codecs: true };
const OT: BaseImage = { name: 'bench_ot', modality: 'OT', spec: { rows: 512, columns: 512, bitsAllocated: 8, seed: 7 }, codecs: true };

/** [label, base image, tool and flags or a writer]. */
const CASES: [string, BaseImage, string[] | 'implicit' | 'htj2k' | null][] = [
  ['Explicit VR LE (baseline)', CT, null],
  ['Implicit VR LE', CT, 'implicit'],
  ['Explicit VR BE', CT, ['dcmconv', '+tb']],
  ['Deflated', CT, ['dcmconv', '+td']],
  ['RLE', CT, ['dcmcrle']],
  ['JPEG Lossless SV1', CT, ['dcmcjpeg', '+e1']],
  ['JPEG Baseline 8-bit', OT, ['dcmcjpeg', '+eb']],
  ['JPEG Extended 12-bit', MR, ['dcmcjpeg', '+ee', '+sr']],
  ['JPEG-LS lossless', CT, ['dcmcjpls']],
  ['JPEG-LS near-lossless', MR, ['dcmcjpls', '+en', '+md', '2']],
  ['JPEG 2000 lossless', CT, ['gdcmconv', '--j2k']],
  ['JPEG 2000 lossy', CT, ['gdcmconv', '--j2k', '--lossy', '--irreversible', '-q', '40']],
  ['HTJ2K lossless', CT, 'htj2k'],
];

async function makeBenchFiles(dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  await loadHtj2kEncoder();
  return CASES.map(([label, base, how]) => {
    const src = join(dir, `${base.name}.dcm`);
    if (!existsSync(src)) writeFileSync(src, baseFile(base));
    if (how === null) return src;
    // Cached by label, so adding a case never reuses another case's file.
    const out = join(dir, `${label.replace(/\W+/g, '_')}.dcm`);
    if (existsSync(out)) return out;
    if (how === 'implicit') writeFileSync(out, baseFile(base, { implicit: true }));
    else if (how === 'htj2k') writeFileSync(out, encodeHtj2kFile(baseElements(base)));
    else execFileSync(how[0]!, [...how.slice(1), src, out], { stdio: 'pipe' });
    return out;
  });
}

/** Prints decode throughput per transfer syntax and indexing time for 1,000 files. */
export async function bench(): Promise<void> {
  const files = await makeBenchFiles(join(GENERATED, 'bench-dicom'));
  let baseline = 0;
  // Let the JIT settle on the native path first so the baseline is not the first thing measured.
  const warm = await loadInstance(files[0]!);
  for (const t = performance.now(); performance.now() - t < 300; ) await decodeFrame(warm, 0);
  console.log('decode, 512×512 frames (parse + decode; ratio = time vs Explicit VR LE):');
  for (const [i, [label]] of CASES.entries()) {
    const inst = await loadInstance(files[i]!);
    await decodeFrame(inst, 0); // warm the codec
    let n = 0;
    let bytes = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 700 || n < 5) {
      const d = await decodeFrame(await loadInstance(files[i]!), 0);
      bytes += d.stored.byteLength;
      n++;
    }
    const ms = (performance.now() - t0) / n;
    if (i === 0) baseline = ms;
    console.log(`  ${label.padEnd(28)} ${(1000 / ms).toFixed(1).padStart(7)} frames/s ${((bytes / n / ms) * 1000 / 1e6).toFixed(1).padStart(7)} MB/s  ×${(ms / baseline).toFixed(2)}`);
  }
  const dir = join(tmpdir(), `aegis-bench-index-${process.pid}`);
  makeStudyFolder(dir, { series: [0, 1, 2, 3].map(() => ({ modality: 'CT' as const, slices: 250, rows: 64, cols: 64 })) });
  const t0 = performance.now();
  const r = await indexPaths([dir]);
  const ms = performance.now() - t0;
  console.log(`index 1,000 files (4 series × 250 slices, 64×64): ${ms.toFixed(0)} ms, ${((r.scanned / ms) * 1000).toFixed(0)} files/s, ${r.series.length} series, ${r.failures.length} failures`);
  rmSync(dir, { recursive: true, force: true });
}
