/**
 * Builds the two demo lesion generators: renders the exact phantom pairs once, trains each GAN
 * through the gradient compiler, writes model.onnx and metadata.json (`"kind": "generator"`), then
 * measures both written files together on fresh phantom pairs against the demo classifier (which
 * must already be built under the same output root) and renders MODEL_CARD.md from those numbers.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeModel } from '../electron/engine/onnx';
import { writeAtomic } from './buildClassifier';
import { generatorCard, generatorMetadata, type GeneratorData, type GeneratorReport } from './cards/generatorCard';
import { evaluateGenerators } from './generator/evaluateGenerators';
import { DEMO_GENERATOR_SPEC, GAN_DATA, type GeneratorRecipe } from './generator/ganRecipes';
import { lesionPatchSets } from './generator/lesionPairs';
import { buildLesionGenerator } from './generator/lesionGanGraphs';
import { suspicionOnFakes } from './generator/suspicionOnFakes';
import { trainLesionGan } from './generator/trainLesionGan';

/** Trains, writes, evaluates and cards `recipes` (the insert and remove generators) under `outRoot`. */
export async function buildGenerators(
  recipes: readonly GeneratorRecipe[],
  classifierId: string,
  outRoot: string,
  threads: number,
  log: (line: string) => void,
  data: GeneratorData = GAN_DATA,
): Promise<GeneratorReport[]> {
  const classifier = join(outRoot, classifierId, 'model.onnx');
  if (!existsSync(classifier)) throw new Error(`the generators are measured against ${classifier}, which does not exist: build ${classifierId} first`);
  const t = performance.now();
  const sets = lesionPatchSets(DEMO_GENERATOR_SPEC, data.trainFirstSeed, data.trainPairs, data.jitter, data.seed, (d) => {
    if (d % 100 === 0 || d === data.trainPairs) log(`generator training pairs: ${d}/${data.trainPairs}, ${((performance.now() - t) / 1000).toFixed(0)} s`);
  });
  const trained: TrainedInfo = new Map();
  for (const recipe of recipes) {
    const say = (l: string) => log(`[${recipe.id}] ${l}`);
    const r = await trainLesionGan(recipe, sets[recipe.operation], threads, say);
    const bytes = encodeModel(buildLesionGenerator(r.weights, `aegis_${recipe.id.replace(/-/g, '_')}`));
    const dir = join(outRoot, recipe.id);
    mkdirSync(dir, { recursive: true });
    writeAtomic(join(dir, 'model.onnx'), bytes);
    // The spec first, so the engine can open the file for the evaluation.
    writeAtomic(join(dir, 'metadata.json'), JSON.stringify({ name: recipe.id, kind: 'generator', generator: { ...DEMO_GENERATOR_SPEC, operation: recipe.operation } }, null, 2) + '\n');
    trained.set(recipe.id, { seconds: r.seconds, threads, curve: r.curve, parameters: [...r.weights.values()].reduce((s, w) => s + w.data.length, 0), modelBytes: bytes.length });
  }
  return measureGenerators(recipes, classifierId, outRoot, trained, data, log);
}

/** What training left for the card: seconds, loss curve and size of each generator, by id. */
type TrainedInfo = Map<string, { seconds: number; threads: number; curve: GeneratorReport['curve']; parameters: number; modelBytes: number }>;

/**
 * Measures the written generator files together on fresh phantom pairs and writes their cards. With
 * `trained` absent (`npm run models -- --measure-only`), the training facts come from each generator's
 * metadata.json report, so a card can be re-measured after a change to the measurement without retraining.
 */
export async function measureGenerators(
  recipes: readonly GeneratorRecipe[],
  classifierId: string,
  outRoot: string,
  trained: TrainedInfo | null,
  data: GeneratorReport['data'],
  log: (line: string) => void,
): Promise<GeneratorReport[]> {
  const classifier = join(outRoot, classifierId, 'model.onnx');
  if (!existsSync(classifier)) throw new Error(`the generators are measured against ${classifier}, which does not exist: build ${classifierId} first`);
  const path = (op: string) => join(outRoot, recipes.find((r) => r.operation === op)?.id ?? `demo-lesion-${op}`, 'model.onnx');
  if (!existsSync(path('insert')) || !existsSync(path('remove'))) throw new Error('the generator cards measure insert and remove together: build both');
  const facts: TrainedInfo =
    trained ??
    new Map(
      recipes.map((r) => {
        const report = JSON.parse(readFileSync(join(outRoot, r.id, 'metadata.json'), 'utf8')).report as GeneratorReport;
        return [r.id, { seconds: report.trainSeconds, threads: report.threads, curve: report.curve, parameters: report.parameters, modelBytes: report.modelBytes }];
      }),
    );
  const e = performance.now();
  const evaluation = await evaluateGenerators({ insert: path('insert'), remove: path('remove'), classifier }, data.evalFirstSeed, data.evalPairs, (d) => {
    if (d % 20 === 0 || d === data.evalPairs) log(`generator evaluation: ${d}/${data.evalPairs} fresh pairs, ${((performance.now() - e) / 1000).toFixed(0)} s`);
  });
  log(`suspicion detectors: calibrating on ${data.suspicionCalibration} clean phantoms, scoring ${data.suspicionPairs} pairs and their fakes`);
  const paths = { insert: path('insert'), remove: path('remove'), classifier };
  const suspicion = await suspicionOnFakes(paths, data.suspicionCalibrationFirstSeed, data.suspicionCalibration, data.evalFirstSeed, data.suspicionPairs);
  const reports: GeneratorReport[] = [];
  for (const recipe of recipes) {
    const t2 = facts.get(recipe.id)!;
    const report: GeneratorReport = { recipe, data, spec: { ...DEMO_GENERATOR_SPEC, operation: recipe.operation }, threads: t2.threads, trainSeconds: t2.seconds, curve: t2.curve, parameters: t2.parameters, modelBytes: t2.modelBytes, classifierId, evaluation, suspicion };
    writeGeneratorCard(join(outRoot, recipe.id), report);
    const own = evaluation[recipe.operation];
    log(`[${recipe.id}] fool rate ${(100 * own.foolRate.estimate).toFixed(1)} % (${own.foolRate.k}/${own.foolRate.n})`);
    reports.push(report);
  }
  return reports;
}

/** Writes metadata.json and MODEL_CARD.md of a generator from its report. */
export function writeGeneratorCard(dir: string, report: GeneratorReport): void {
  writeAtomic(join(dir, 'metadata.json'), JSON.stringify(generatorMetadata(report), null, 2) + '\n');
  writeAtomic(join(dir, 'MODEL_CARD.md'), generatorCard(report));
}
