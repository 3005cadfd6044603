/**
 * What the demo lesion generators do to fresh phantoms (seeds never trained on), measured on the
 * written model files through the same engine code the app and `aegis fake` use (openGenerator,
 * applyGenerator): the demo classifier's call before and after, SSIM/PSNR of the edit, and how the
 * edit compares with the truth the phantom pair gives — the real nodule for insert, the real healthy
 * anatomy for remove.
 *
 * Fool rate (Zhou et al. 2021's measure): among the healthy images the classifier calls "nodule
 * absent", the share it calls "present" after insert at the twin's nodule location; among the sick
 * images it calls "present", the share it calls "absent" after remove at the nodule. Wilson 95 % CIs.
 */
import { readFileSync } from 'node:fs';
import { applyGenerator } from '../../electron/engine/fakes/applyGenerator';
import { openGenerator } from '../../electron/engine/fakes/generatorModel';
import { classifierLogits } from '../../electron/engine/evaluate/scoreClassifier';
import { compareImages } from '../../electron/engine/metrics/compareImages';
import { demoPipeline, DEMO_WINDOW, PHANTOM_SIZE } from '../../electron/engine/phantoms/phantomDataset';
import { wilsonInterval, type ProportionInterval } from '../../electron/engine/stats/wilsonInterval';
import { phantomPair } from './lesionPairs';

/** Mean and sample standard deviation of a list, with its size. */
export interface Summary {
  mean: number;
  sd: number;
  n: number;
}

/** A nodule's size and contrast as measured on a difference image (see {@link measureBlob}). */
export interface BlobSize {
  /** Radius of the projected sphere whose half-maximum disc has the measured area, native pixels. */
  radius: number;
  /** Mean added value within 2 px of the centre, stored units. */
  contrast: number;
}

/** One generator's numbers. */
export interface OperationReport {
  operation: 'insert' | 'remove';
  /** Images the generator was applied to (every pair). */
  images: number;
  /** Of the images the classifier called absent (insert) / present (remove), how many flipped. */
  foolRate: ProportionInterval;
  /** Every image: how many changed the call in the wanted direction after the edit (no pre-selection). */
  wantedCallAfter: ProportionInterval;
  /** SSIM and PSNR (dB) of the edit against the original, over the 2·outer-wide square around the click, data range = the demo window (4096). */
  ssim: Summary;
  psnr: Summary;
  /** Pixels whose stored value changed per image, and the farthest of them from the click (native px). */
  changedPixels: Summary;
  farthestChange: number;
  /** Largest ratio, over images, of the farthest changed pixel's distance to the nodule radius (planted for insert, real for remove). */
  farthestInRadii: number;
  /** Insert: the planted nodules vs the real nodules of the twins, measured the same way. */
  planted?: { fake: { radius: Summary; contrast: Summary }; real: { radius: Summary; contrast: Summary } };
  /** Remove: PSNR (dB) to the true healthy twin over the same square, after vs before the edit. */
  toTruth?: { after: Summary; before: Summary };
}

/** Both generators' numbers on the same fresh pairs. */
export interface GeneratorEvaluation {
  firstSeed: number;
  pairs: number;
  classifier: string;
  insert: OperationReport;
  remove: OperationReport;
}

/** k of n with its Wilson 95 % interval; NaN bounds when nothing was eligible (n = 0). */
function rate(k: number, n: number): ProportionInterval {
  return n === 0 ? { estimate: NaN, low: NaN, high: NaN, k, n } : wilsonInterval(k, n);
}

/** Mean, sample standard deviation and count of `values`. */
export function summary(values: readonly number[]): Summary {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, n };
}

/** Size and contrast of the blob `after − before` around (col, row), within `reach` native px. */
export function measureBlob(before: ArrayLike<number>, after: ArrayLike<number>, size: number, col: number, row: number, reach: number): BlobSize {
  let peak = 0;
  let count = 0;
  for (let y = row - 2; y <= row + 2; y++) for (let x = col - 2; x <= col + 2; x++) if (Math.hypot(x - col, y - row) <= 2) {
    peak += after[y * size + x]! - before[y * size + x]!;
    count += 1;
  }
  peak /= count;
  let area = 0;
  for (let y = Math.max(0, row - reach); y <= Math.min(size - 1, row + reach); y++) {
    for (let x = Math.max(0, col - reach); x <= Math.min(size - 1, col + reach); x++) {
      if (Math.hypot(x - col, y - row) <= reach && after[y * size + x]! - before[y * size + x]! > peak / 2) area += 1;
    }
  }
  // c·√(1 − r²/R²) falls to half its peak at r = R·√3/2.
  return { radius: peak > 0 ? Math.sqrt(area / Math.PI) / (Math.sqrt(3) / 2) : 0, contrast: peak };
}

function square(plane: ArrayLike<number>, col: number, row: number, half: number): { values: Float64Array; side: number } {
  const side = 2 * half + 1;
  const values = new Float64Array(side * side);
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) {
    const sy = Math.min(PHANTOM_SIZE - 1, Math.max(0, row - half + y));
    const sx = Math.min(PHANTOM_SIZE - 1, Math.max(0, col - half + x));
    values[y * side + x] = plane[sy * PHANTOM_SIZE + sx]!;
  }
  return { values, side };
}

function regionCompare(a: ArrayLike<number>, b: ArrayLike<number>, col: number, row: number, half: number) {
  const sa = square(a, col, row, half);
  const sb = square(b, col, row, half);
  return compareImages(sa.values, sb.values, sa.side, sa.side, DEMO_WINDOW.width);
}

/**
 * Applies both generators to `pairs` fresh phantom pairs from seed `first` and scores them with the
 * classifier at `classifierPath` (a demo classifier, input 224).
 * @param onProgress called after each pair with the number done.
 */
export async function evaluateGenerators(paths: { insert: string; remove: string; classifier: string }, first: number, pairs: number, onProgress?: (done: number) => void): Promise<GeneratorEvaluation> {
  const insert = await openGenerator(paths.insert, { intraOpThreads: 1 });
  const remove = await openGenerator(paths.remove, { intraOpThreads: 1 });
  const pipe = demoPipeline(224);
  const plane = 224 * 224;
  // Per pair: healthy, sick, healthy + insert, sick − remove.
  const inputs = new Float32Array(4 * pairs * plane);
  const acc = {
    insert: { ssim: [] as number[], psnr: [] as number[], changed: [] as number[], farthest: 0, inRadii: 0, fakeR: [] as number[], fakeC: [] as number[], realR: [] as number[], realC: [] as number[] },
    remove: { ssim: [] as number[], psnr: [] as number[], changed: [] as number[], farthest: 0, inRadii: 0, after: [] as number[], before: [] as number[] },
  };
  const format = { bitsStored: 12, pixelRepresentation: 0 as const, rescaleSlope: 1, rescaleIntercept: 0 };
  try {
    for (let k = 0; k < pairs; k++) {
      const pair = phantomPair(first + k);
      const col = Math.round(pair.nodule.x);
      const row = Math.round(pair.nodule.y);
      const size = PHANTOM_SIZE;
      const planted = await applyGenerator(insert, { stored: pair.healthy.pixels, width: size, height: size, format }, col, row);
      const erased = await applyGenerator(remove, { stored: pair.sick.pixels, width: size, height: size, format }, col, row);
      [pair.healthy.pixels, pair.sick.pixels, planted.stored, erased.stored].forEach((px, j) => inputs.set(pipe.forward(Float32Array.from(px)), (4 * k + j) * plane));
      const half = Math.ceil(planted.region.outer);
      const fake = measureBlob(pair.healthy.pixels, planted.stored, size, col, row, half);
      for (const [name, edit, original, radius] of [['insert', planted, pair.healthy.pixels, fake.radius], ['remove', erased, pair.sick.pixels, pair.nodule.radius]] as const) {
        const m = regionCompare(original, edit.stored, col, row, half);
        const a = acc[name];
        a.ssim.push(m.ssim);
        a.psnr.push(m.psnr);
        a.changed.push(edit.changed);
        let farthest = 0;
        for (let i = 0; i < original.length; i++) {
          if (original[i] !== edit.stored[i]) farthest = Math.max(farthest, Math.hypot((i % size) - col, Math.floor(i / size) - row));
        }
        a.farthest = Math.max(a.farthest, farthest);
        a.inRadii = Math.max(a.inRadii, radius > 0 ? farthest / radius : farthest > 0 ? Infinity : 0);
      }
      const real = measureBlob(pair.healthy.pixels, pair.sick.pixels, size, col, row, half);
      acc.insert.fakeR.push(fake.radius);
      acc.insert.fakeC.push(fake.contrast);
      acc.insert.realR.push(real.radius);
      acc.insert.realC.push(real.contrast);
      acc.remove.after.push(regionCompare(pair.healthy.pixels, erased.stored, col, row, half).psnr);
      acc.remove.before.push(regionCompare(pair.healthy.pixels, pair.sick.pixels, col, row, half).psnr);
      onProgress?.(k + 1);
    }
  } finally {
    await insert.release();
    await remove.release();
  }
  const logits = await classifierLogits(readFileSync(paths.classifier), inputs, 224);
  const present = (i: number) => logits[2 * i + 1]! > logits[2 * i]!;
  const count = (pred: (k: number) => boolean) => Array.from({ length: pairs }, (_, k) => k).filter(pred).length;
  const absentBefore = count((k) => !present(4 * k));
  const presentBefore = count((k) => present(4 * k + 1));
  const report = (operation: 'insert' | 'remove'): OperationReport => {
    const a = acc[operation];
    const insertOp = operation === 'insert';
    const wanted = (k: number) => (insertOp ? present(4 * k + 2) : !present(4 * k + 3));
    const eligible = (k: number) => (insertOp ? !present(4 * k) : present(4 * k + 1));
    return {
      operation,
      images: pairs,
      foolRate: rate(count((k) => eligible(k) && wanted(k)), insertOp ? absentBefore : presentBefore),
      wantedCallAfter: rate(count(wanted), pairs),
      ssim: summary(a.ssim),
      psnr: summary(a.psnr),
      changedPixels: summary(a.changed),
      farthestChange: a.farthest,
      farthestInRadii: a.inRadii,
    };
  };
  return {
    firstSeed: first,
    pairs,
    classifier: paths.classifier,
    insert: {
      ...report('insert'),
      planted: {
        fake: { radius: summary(acc.insert.fakeR), contrast: summary(acc.insert.fakeC) },
        real: { radius: summary(acc.insert.realR), contrast: summary(acc.insert.realC) },
      },
    },
    remove: { ...report('remove'), toTruth: { after: summary(acc.remove.after), before: summary(acc.remove.before) } },
  };
}
