/**
 * What Aegis's adversarial-suspicion detectors (electron/engine/detect: feature squeezing, noise
 * residual, Mahalanobis, PaDiM, KD, LID, combined FPR-calibrated score) say about generator fakes: the
 * detectors are calibrated on clean phantoms for the demo classifier at a 10 % false-positive rate,
 * then score clean images and their fakes. Reported as the share flagged (Wilson 95 % CI) and the
 * ROC AUC of the combined score (with its 95 % interval), fakes against the clean images they were made from.
 */
import { calibrateDetectors } from '../../electron/engine/detect/calibrateDetectors';
import { detectImage, prepareCalibration } from '../../electron/engine/detect/detectImage';
import { openDetectionSession } from '../../electron/engine/detect/detectionSession';
import { applyGenerator } from '../../electron/engine/fakes/applyGenerator';
import { openGenerator } from '../../electron/engine/fakes/generatorModel';
import { demoPipeline, DEMO_WINDOW, PHANTOM_SIZE } from '../../electron/engine/phantoms/phantomDataset';
import { generateChestPhantom } from '../../electron/engine/phantoms/chestPhantom';
import { hashBytes } from '../../electron/engine/onnx';
import { aucInterval, type AucInterval } from '../../electron/engine/stats/aucInterval';
import { wilsonInterval, type ProportionInterval } from '../../electron/engine/stats/wilsonInterval';
import { readFileSync } from 'node:fs';
import { phantomPair } from './lesionPairs';

/** Flag rates and separability of one image group against its clean originals. */
export interface SuspicionRow {
  /** Share of images whose combined suspicion exceeds the calibrated threshold. */
  flagged: ProportionInterval;
  /** Mean combined suspicion (decades of rarity among clean images). */
  meanScore: number;
}

/** The detectors' view of clean images and fakes. */
export interface SuspicionReport {
  fpr: number;
  calibrationImages: number;
  calibrationFirstSeed: number;
  pairs: number;
  firstSeed: number;
  cleanHealthy: SuspicionRow;
  inserted: SuspicionRow;
  cleanSick: SuspicionRow;
  removed: SuspicionRow;
  /** ROC AUC of the combined score with its 95 % interval: inserted vs clean healthy, removed vs clean sick (0.5 = blind). */
  aucInserted: AucInterval;
  aucRemoved: AucInterval;
}

const FPR = 0.1;

/** Calibrates on `calibration` clean phantoms (seeds from `calibrationFirst`), then scores `pairs` fresh pairs and their fakes. */
export async function suspicionOnFakes(
  paths: { insert: string; remove: string; classifier: string },
  calibrationFirst: number,
  calibration: number,
  first: number,
  pairs: number,
): Promise<SuspicionReport> {
  const session = await openDetectionSession(paths.classifier);
  const insert = await openGenerator(paths.insert, { intraOpThreads: 1 });
  const remove = await openGenerator(paths.remove, { intraOpThreads: 1 });
  const pipe = demoPipeline(224);
  const n = PHANTOM_SIZE;
  const item = (stored: ArrayLike<number>) => ({
    image: { data: Float32Array.from(stored, (v) => (v - (DEMO_WINDOW.center - DEMO_WINDOW.width / 2)) / DEMO_WINDOW.width), width: n, height: n, channels: 1 },
    toModelInput: (im: { data: Float32Array }) => pipe.forwardNormalised(im.data),
  });
  const format = { bitsStored: 12, pixelRepresentation: 0 as const, rescaleSlope: 1, rescaleIntercept: 0 };
  try {
    const clean = Array.from({ length: calibration }, (_, i) => item(generateChestPhantom(calibrationFirst + i, { nodules: (calibrationFirst + i) % 2 }).pixels));
    const { record } = await calibrateDetectors({ target: session.target, images: clean, modelHash: hashBytes(readFileSync(paths.classifier)), fpr: FPR });
    const cal = prepareCalibration(record);
    const score = async (stored: ArrayLike<number>) => detectImage(session.target, cal, item(stored));
    const groups = { cleanHealthy: [] as number[], inserted: [] as number[], cleanSick: [] as number[], removed: [] as number[] };
    const flags = { cleanHealthy: 0, inserted: 0, cleanSick: 0, removed: 0 };
    for (let k = 0; k < pairs; k++) {
      const pair = phantomPair(first + k);
      const col = Math.round(pair.nodule.x);
      const row = Math.round(pair.nodule.y);
      const planted = await applyGenerator(insert, { stored: pair.healthy.pixels, width: n, height: n, format }, col, row);
      const erased = await applyGenerator(remove, { stored: pair.sick.pixels, width: n, height: n, format }, col, row);
      for (const [name, stored] of [['cleanHealthy', pair.healthy.pixels], ['inserted', planted.stored], ['cleanSick', pair.sick.pixels], ['removed', erased.stored]] as const) {
        const d = await score(stored);
        groups[name].push(d.combined);
        if (d.flagged) flags[name] += 1;
      }
    }
    const row = (name: keyof typeof groups): SuspicionRow => ({ flagged: wilsonInterval(flags[name], pairs), meanScore: groups[name].reduce((a, b) => a + b, 0) / pairs });
    return {
      fpr: FPR,
      calibrationImages: calibration,
      calibrationFirstSeed: calibrationFirst,
      pairs,
      firstSeed: first,
      cleanHealthy: row('cleanHealthy'),
      inserted: row('inserted'),
      cleanSick: row('cleanSick'),
      removed: row('removed'),
      aucInserted: aucInterval(groups.cleanHealthy, groups.inserted),
      aucRemoved: aucInterval(groups.cleanSick, groups.removed),
    };
  } finally {
    await insert.release();
    await remove.release();
    await session.release();
  }
}
