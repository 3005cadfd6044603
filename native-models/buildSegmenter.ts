/**
 * Builds the demo lung U-Net from its recipe: trains on phantom lung masks through the gradient
 * compiler (per-pixel cross-entropy), writes model.onnx, measures Dice of the written file on
 * held-out phantoms and renders metadata.json and MODEL_CARD.md from those numbers.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeModel } from '../electron/engine/onnx';
import { writeFileAtomic } from '../electron/base/atomicWrite';
import { segmenterCard, segmenterMetadata, type SegmenterReport } from './cards/segmenterCard';
import { DEMO_WINDOW, type PhantomSet } from '../electron/engine/phantoms/phantomDataset';
import { segmenterDice } from '../electron/engine/evaluate/segmenterDice';
import { SPLITS, type SegmenterRecipe } from './recipes';
import { buildLungUnet, initialSegmenterWeights, SEGMENTER_CLASSES, SEGMENTER_INPUT } from './segmenter/lungUnetGraph';
import { trainModel } from './train/trainModel';

/** Trains, evaluates and writes `native-models/<id>/` for the segmenter recipe. */
export async function buildSegmenter(
  recipe: SegmenterRecipe,
  train: PhantomSet,
  held: PhantomSet,
  outRoot: string,
  threads: number,
  log: (line: string) => void,
): Promise<SegmenterReport> {
  const weights = initialSegmenterWeights(recipe.seed);
  const trained = await trainModel(
    buildLungUnet,
    weights,
    train.inputs,
    Int32Array.from(train.masks),
    SEGMENTER_INPUT,
    { ...recipe, threads, loss: 'pixel-ce' },
    (l) => log(`[${recipe.id}] ${l}`),
  );
  const bytes = encodeModel(buildLungUnet(trained.weights));
  const dir = join(outRoot, recipe.id);
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, 'model.onnx'), bytes);
  const dice = await segmenterDice(bytes, held.inputs, held.masks, SEGMENTER_INPUT);
  log(`[${recipe.id}] Dice mean ${dice.meanDice.toFixed(3)}  min ${dice.minDice.toFixed(3)}`);
  const report: SegmenterReport = {
    id: recipe.id,
    title: recipe.title,
    seed: recipe.seed,
    side: SEGMENTER_INPUT,
    trainImages: train.count,
    trainFirstSeed: SPLITS.train,
    evalImages: held.count,
    evalFirstSeed: SPLITS.validation,
    steps: recipe.steps,
    batch: recipe.batch,
    peakLr: recipe.peakLr,
    weightDecay: recipe.weightDecay,
    threads,
    trainSeconds: trained.seconds,
    parameters: [...trained.weights.values()].reduce((s, w) => s + w.data.length, 0),
    modelBytes: bytes.length,
    dice,
  };
  writeFileAtomic(join(dir, 'metadata.json'), JSON.stringify(segmenterMetadata(report, SEGMENTER_CLASSES, DEMO_WINDOW), null, 2) + '\n');
  writeFileAtomic(join(dir, 'MODEL_CARD.md'), segmenterCard(report));
  return report;
}
