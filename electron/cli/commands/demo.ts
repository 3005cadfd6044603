/**
 * `aegis demo --out DIR`: the whole product on synthetic phantoms, headless and offline — demo
 * study, predictions, PGD attacks in stored-pixel space, derived DICOM and an HTML summary.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_CLASSIFIER, runDemo } from '../demo/runDemo';
import { UsageError, type Command } from '../command';
import { intOption, parseCommandArgs } from '../args';

export const demo: Command = {
  usage: [
    'Usage: aegis demo --out DIR [--model MODEL.onnx] [--attacks N] [--eps E] [--steps N] [--seed S] [--json]',
    '',
    'Writes DIR/study (20 synthetic PHANTOM chest images in two series, DICOM), predicts each with the demo',
    'nodule classifier, attacks the first N images (default 4; present and absent alternate) with L∞ PGD',
    '(default eps 0.02 = 2 % of the window, 20 steps) in stored-pixel space, re-scored after quantisation, writes the',
    'attacked images as derived DICOM in DIR/derived, and a self-contained DIR/summary.html and summary.json.',
    'Synthetic data and demonstration models only; not for clinical use.',
  ].join('\n'),
  async run(argv) {
    const { values: v } = parseCommandArgs('demo', argv, {
      out: { type: 'string' },
      model: { type: 'string' },
      attacks: { type: 'string' },
      eps: { type: 'string' },
      steps: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
    }, false);
    if (!v.out) throw new UsageError('--out DIR is required');
    const model = v.model ?? DEMO_CLASSIFIER;
    if (!existsSync(model)) throw new UsageError(`${model}: no such model (run "npm run models" to rebuild the demo models)`);
    const eps = v.eps === undefined ? undefined : Number(v.eps);
    if (eps !== undefined && !(eps > 0 && eps < 1)) throw new UsageError(`--eps must be a number in (0, 1), not "${v.eps}"`);
    const result = await runDemo(resolve(v.out), {
      model,
      attacks: intOption(v.attacks, '--attacks', 0),
      eps,
      steps: intOption(v.steps, '--steps', 1),
      seed: intOption(v.seed, '--seed', 0),
      log: v.json ? undefined : (l) => console.log(l),
    });
    if (v.json) console.log(JSON.stringify(result, null, 2));
    else console.log(`summary: ${result.html}`);
    return 0;
  },
};
