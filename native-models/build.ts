/**
 * `npm run models`: rebuilds the demo models from nothing — generates the phantoms, trains
 * each model through Aegis's gradient compiler, evaluates the written files on held-out phantoms
 * and writes native-models/<id>/{model.onnx, metadata.json, MODEL_CARD.md}.
 *
 *   npm run models [-- --only demo-nodule-classifier,demo-lung-unet] [--threads 2] [--out DIR] [--cards-only] [--measure-only]
 *
 * --cards-only re-renders metadata.json and MODEL_CARD.md of built classifiers and generators from the report
 * stored in their metadata.json (after a change to the card text), without retraining.
 * The two lesion generators are trained and measured together: naming either builds both; with
 * --measure-only they are re-measured on fresh phantoms and their cards re-written, without retraining.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClassifier, writeClassifierCard } from './buildClassifier';
import { buildGenerators, measureGenerators, writeGeneratorCard } from './buildGenerators';
import { buildSegmenter } from './buildSegmenter';
import { CLASSIFIER_INPUT } from './classifier/noduleClassifierGraph';
import { makePhantomSet, type PhantomSet } from '../electron/engine/phantoms/phantomDataset';
import { GAN_DATA, INSERT_GENERATOR, REMOVE_GENERATOR } from './generator/ganRecipes';
import { CLASSIFIER, ROBUST_CLASSIFIER, SEGMENTER, SPLITS } from './recipes';
import { SEGMENTER_INPUT } from './segmenter/lungUnetGraph';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
  return v;
}

function makeSet(what: string, first: number, count: number, side: number, paired: boolean, log: (l: string) => void): PhantomSet {
  const t = performance.now();
  const set = makePhantomSet(first, count, side, {
    paired,
    onProgress: (d) => {
      if (d % 500 === 0 || d === count) log(`${what}: ${d}/${count} phantoms, ${((performance.now() - t) / 1000).toFixed(0)} s`);
    },
  });
  return set;
}

async function main(args: string[]): Promise<void> {
  const generators = [INSERT_GENERATOR, REMOVE_GENERATOR];
  const all = [CLASSIFIER.id, ROBUST_CLASSIFIER.id, SEGMENTER.id, ...generators.map((g) => g.id)];
  const only = option(args, '--only')?.split(',') ?? all;
  const unknown = only.filter((id) => !all.includes(id));
  if (unknown.length) throw new Error(`unknown model id(s): ${unknown.join(', ')}; known: ${all.join(', ')}`);
  const threads = Number(option(args, '--threads') ?? 2);
  if (!(Number.isInteger(threads) && threads >= 1)) throw new Error(`--threads must be a positive integer`);
  const out = option(args, '--out') ?? join(import.meta.dirname, '.');
  if (args.includes('--cards-only')) {
    for (const id of only.filter((i) => i !== SEGMENTER.id)) {
      const dir = join(out, id);
      const report = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8')).report;
      if (generators.some((g) => g.id === id)) writeGeneratorCard(dir, report);
      else writeClassifierCard(dir, report);
      console.log(`re-rendered ${dir}/MODEL_CARD.md`);
    }
    return;
  }
  const start = performance.now();
  const log = (line: string) => console.log(`[${((performance.now() - start) / 1000).toFixed(0).padStart(5)} s] ${line}`);

  const classifiers = [CLASSIFIER, ROBUST_CLASSIFIER].filter((r) => only.includes(r.id));
  if (classifiers.length) {
    const train = makeSet('classifier training set', SPLITS.train, CLASSIFIER.trainImages, CLASSIFIER_INPUT, true, log);
    const held = makeSet('classifier held-out set', SPLITS.validation, CLASSIFIER.evalImages, CLASSIFIER_INPUT, false, log);
    for (const recipe of classifiers) await buildClassifier(recipe, train, held, out, threads, log);
  }
  if (only.includes(SEGMENTER.id)) {
    const train = makeSet('segmenter training set', SPLITS.train, SEGMENTER.trainImages, SEGMENTER_INPUT, false, log);
    const held = makeSet('segmenter held-out set', SPLITS.validation, SEGMENTER.evalImages, SEGMENTER_INPUT, false, log);
    await buildSegmenter(SEGMENTER, train, held, out, threads, log);
  }
  if (generators.some((g) => only.includes(g.id))) {
    if (args.includes('--measure-only')) await measureGenerators(generators, CLASSIFIER.id, out, null, GAN_DATA, log);
    else await buildGenerators(generators, CLASSIFIER.id, out, threads, log);
  }
  log(`done: ${only.join(', ')} written under ${out}`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`npm run models failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
