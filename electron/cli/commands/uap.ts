/**
 * `aegis uap`: trains one universal adversarial perturbation on a folder of images, or applies one to
 * images and reports how many it fools after quantisation to stored values (with its Wilson interval).
 */
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { decide } from '../../engine/attacks/goal';
import { ATTACK_CATALOGUE, type AttackId } from '../../shared/attackCatalogue';
import { openModel, storedImageTask, type OpenedModel } from '../../engine/attacks/imageTask';
import { runAttack } from '../../engine/attacks/runAttack';
import { trainUniversal, type UniversalItem } from '../../engine/attacks/universal';
import { loadImage } from '../../engine/io/loadImage';
import { npyToFloat32, readNpy, writeNpy } from '../../engine/io/npy';
import { wilsonInterval } from '../../engine/stats/wilsonInterval';
import { UsageError, type Command } from '../command';
import { intOption, parseCommandArgs } from '../args';

/** The catalogue's universal-perturbation attack: adds a perturbation, quantises, re-scores. */
const UNIVERSAL_ATTACK: AttackId = ATTACK_CATALOGUE.find((e) => e.kind === 'universal')!.id;

/** The .dcm and .png files of a folder (sorted), or the one file given. */
function imageFiles(path: string): string[] {
  if (!statSync(path, { throwIfNoEntry: false })) throw new UsageError(`${path} does not exist`);
  if (!statSync(path).isDirectory()) return [path];
  const files = readdirSync(path).filter((f) => ['.dcm', '.png'].includes(extname(f).toLowerCase())).sort().map((f) => join(path, f));
  if (files.length === 0) throw new UsageError(`${path} holds no .dcm or .png images`);
  return files;
}

async function items(model: OpenedModel, files: string[]): Promise<(UniversalItem & { file: string })[]> {
  const out: (UniversalItem & { file: string })[] = [];
  for (const file of files) {
    const { space, modelInput } = storedImageTask(model, await loadImage(file));
    const label = decide(await model.objective.predict(modelInput), model.objective.outputShape);
    if (typeof label !== 'number') throw new UsageError('a universal perturbation is trained against a classifier; this model outputs a label map');
    out.push({ file, space, goal: { label } });
  }
  return out;
}

export const uap: Command = {
  usage: [
    'Usage: aegis uap --model MODEL.onnx --data DIR --eps E --out UAP.npy [--epochs N] [--batch B] [--seed S] [--json]',
    '       aegis uap --model MODEL.onnx --apply UAP.npy --data DIR|IMAGE [--json]',
    '',
    'Trains one image-agnostic perturbation (Moosavi-Dezfooli et al. 2017; stochastic projected gradient as',
    'Shafahi et al. 2020) that moves the decision of as many images of DIR (.dcm, .png) as it can away from',
    'the model\'s clean call, within L∞ eps in normalised display units; UAP.npy holds it as float32',
    '[channels, rows, columns] in those units. --apply adds it to each image (resampled when the size',
    'differs), quantises to the stored integers, re-scores, and reports the share fooled with its 95 % Wilson',
    'interval and n.',
    '',
    'Options:',
    '  --eps E       L∞ budget (normalised units, e.g. 0.03)',
    '  --epochs N    passes over DIR (default 10)',
    '  --batch B     images per update, scored in one model run (default 8)',
    '  --seed S      seed of the shuffling (default 0)',
    '  --json        print one JSON object',
  ].join('\n'),
  async run(argv) {
    const { values: v } = parseCommandArgs('uap', argv, {
      model: { type: 'string' },
      data: { type: 'string' },
      eps: { type: 'string' },
      out: { type: 'string' },
      apply: { type: 'string' },
      epochs: { type: 'string' },
      batch: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
    }, false);
    if (!v.model) throw new UsageError('--model MODEL.onnx is required');
    if (!v.data) throw new UsageError('--data DIR (or one image) is required');
    if (!v.apply && !v.out) throw new UsageError('give --out UAP.npy to train one, or --apply UAP.npy to use one');
    if (v.out && extname(v.out).toLowerCase() !== '.npy') throw new UsageError(`--out must end in .npy, not "${v.out}"`);
    const files = imageFiles(v.data);
    const model = await openModel(v.model);
    try {
      const set = await items(model, files);
      if (v.apply) {
        const arr = await readNpy(v.apply);
        const delta = npyToFloat32(arr);
        if (arr.shape.length !== 3 || arr.shape[0] * arr.shape[1] * arr.shape[2] !== delta.length) throw new UsageError(`${v.apply}: expected a [channels, rows, columns] array, got shape [${arr.shape.join(', ')}]`);
        const geometry = { channels: arr.shape[0], height: arr.shape[1], width: arr.shape[2] };
        const eps = delta.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
        let fooled = 0;
        const started = performance.now();
        const results = [];
        for (const it of set) {
          const r = await runAttack(model.objective, it.space, { method: UNIVERSAL_ATTACK, eps, norm: 'linf', steps: 1, seed: 0, universal: { delta, geometry } });
          if (r.success) fooled++;
          results.push({ file: it.file, decisionBefore: r.before.decision, decisionAfter: r.after.decision, success: r.success, linfNormalised: r.metrics.normalised.linf });
        }
        const seconds = (performance.now() - started) / 1000;
        const rate = wilsonInterval(fooled, set.length);
        if (v.json) console.log(JSON.stringify({ model: v.model, uap: v.apply, eps, images: set.length, fooled, foolingRate: rate, seconds, images_per_second: set.length / seconds, results }));
        else {
          for (const r of results) console.log(`${r.success ? 'FOOLED' : 'kept  '}  ${r.file}: ${r.decisionBefore} → ${r.decisionAfter}`);
          console.log(`fooled ${fooled}/${set.length} = ${(100 * rate.estimate).toFixed(1)} % (95 % CI ${(100 * rate.low).toFixed(1)}–${(100 * rate.high).toFixed(1)} %), L∞ ${eps.toPrecision(3)}, after quantisation`);
        }
        return 0;
      }
      const eps = Number(v.eps);
      if (!(eps > 0 && eps <= 1)) throw new UsageError(`--eps must be a number in (0, 1], not "${v.eps}"`);
      const started = performance.now();
      const trained = await trainUniversal(model.objective, set, {
        eps,
        epochs: intOption(v.epochs, '--epochs', 1),
        batch: intOption(v.batch, '--batch', 1),
        seed: intOption(v.seed, '--seed') ?? 0,
      });
      await writeNpy(v.out!, { data: trained.delta, shape: [trained.geometry.channels, trained.geometry.height, trained.geometry.width] });
      const seconds = (performance.now() - started) / 1000;
      const rate = wilsonInterval(Math.round(trained.trainFooled * set.length), set.length);
      if (v.json) console.log(JSON.stringify({ model: v.model, data: v.data, eps, images: set.length, out: v.out, trainFoolingRateBeforeQuantisation: rate, seconds }));
      else console.log(`UAP L∞ ${eps} written to ${v.out}: fools ${rate.k}/${rate.n} training images before quantisation (${seconds.toFixed(1)} s); measure it on held-out images with --apply`);
      return 0;
    } finally {
      await model.objective.release();
    }
  },
};
