/**
 * `aegis evaluate --model MODEL --first S --count N`: recomputes a demo model's card numbers on
 * freshly generated phantoms (seed range S … S+N−1), reading only the model file and its metadata.json.
 */
import { existsSync } from 'node:fs';
import { evaluateModelFile } from '../../engine/evaluate/evaluateModelFile';
import { UsageError, type Command } from '../command';
import { parseCommandArgs } from '../args';

function positiveInt(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw new UsageError(`--${flag} must be a positive integer, not "${raw}"`);
  return v;
}

export const evaluate: Command = {
  usage: [
    'Usage: aegis evaluate --model MODEL.onnx [--first SEED] [--count N] [--eps 0.005,0.01,0.02] [--steps 10] [--seed 7] [--json]',
    '',
    'Generates phantoms with seeds SEED … SEED+N−1 (odd seed = nodule present), prepares them as the',
    "model's metadata.json says, and prints AUC and accuracy, clean and under untargeted L∞ PGD in",
    'model-input space (classifiers), or mean and worst Dice of the lung class (segmenters).',
    'Defaults: --first 1000001 (the held-out seeds the cards use), --count 400, --eps 0.005,0.01,0.02,',
    '--steps 10, --seed 7. Use --eps "" for clean numbers only.',
  ].join('\n'),
  async run(argv) {
    const { values: v } = parseCommandArgs('evaluate', argv, {
      model: { type: 'string' },
      first: { type: 'string' },
      count: { type: 'string' },
      eps: { type: 'string' },
      steps: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
    }, false);
    if (!v.model) throw new UsageError('--model MODEL.onnx is required');
    if (!existsSync(v.model)) throw new UsageError(`${v.model}: no such file`);
    const eps = (v.eps ?? '0.005,0.01,0.02')
      .split(',')
      .filter((s) => s.trim() !== '')
      .map((s) => {
        const e = Number(s);
        if (!(e > 0 && e < 1)) throw new UsageError(`--eps values must be numbers in (0, 1), not "${s}"`);
        return e;
      });
    const request = {
      first: positiveInt('first', v.first, 1_000_001),
      count: positiveInt('count', v.count, 400),
      eps,
      steps: positiveInt('steps', v.steps, 10),
      seed: positiveInt('seed', v.seed, 7),
    };
    const result = await evaluateModelFile(v.model, request, v.json ? () => {} : (l) => console.error(l));
    if (v.json) {
      console.log(JSON.stringify(result, null, 2));
      return 0;
    }
    console.log(`${v.model} on phantoms ${request.first}–${request.first + request.count - 1}`);
    if (result.kind === 'segmenter') {
      console.log(`  mean Dice ${result.dice.meanDice.toFixed(3)}   worst ${result.dice.minDice.toFixed(3)}`);
      return 0;
    }
    console.log(`  clean                       AUC ${result.clean.auc.toFixed(3)}   accuracy ${result.clean.accuracy.toFixed(3)}`);
    for (const a of result.attacks) {
      console.log(`  PGD eps ${String(a.eps).padEnd(6)} ${String(a.steps).padStart(3)} steps     AUC ${a.auc.toFixed(3)}   accuracy ${a.accuracy.toFixed(3)}`);
    }
    return 0;
  },
};
