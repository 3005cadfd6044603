/**
 * `aegis attack --model MODEL IMAGE --method M`: a white-box attack in stored-pixel space
 * (ARCHITECTURE.md principle 2), re-scored after quantisation, optionally written out.
 */
import { rename } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { attackImage, attackScores, attackTarget, type AttackedSample } from '../../engine/actions/attackImage';
import { interleaved, writeAttackedDicom } from '../../engine/actions/derivedImage';
import { agreement } from '../../engine/attacks/goal';
import { openImageTask, type ImageTask } from '../../engine/attacks/imageTask';
import { imageRobustnessMargin } from '../../engine/attacks/robustnessMargin';
import type { AttackReport } from '../../engine/attacks/runAttack';
import { writeNpy } from '../../engine/io/npy';
import { writePng } from '../../engine/io/png';
import { attackDefaults, attackEntry, type AttackNormId } from '../../shared/attackCatalogue';
import { UsageError, type Command } from '../command';
import { parseCommandArgs } from '../args';
import { CATALOGUE_FLAGS, CATALOGUE_USAGE, catalogueOptions, type CatalogueOptions } from '../attackOptions';
import { ATTACK_CHOICES, defaultStepsText, minimumNormText, parseAttackId } from '../attackChoices';

function number(flag: string, raw: string | undefined, fallback: number, check: (v: number) => boolean, want: string): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || !check(v)) throw new UsageError(`--${flag} must be ${want}, not "${raw}"`);
  return v;
}

/** Writes the attacked image as .npy, .png or .dcm; returns a note when the format changes meaning. */
async function writeOut(out: string, task: ImageTask, reports: AttackReport[]): Promise<string | null> {
  const ext = extname(out).toLowerCase();
  const { image } = task;
  const pixels = image.width * image.height;
  const report = reports[0];
  if (ext === '.npy') {
    if (image.kind === 'npy') {
      const data = new Float32Array(reports.reduce((n, r) => n + r.normalised.length, 0));
      reports.forEach((r, i) => data.set(r.normalised, i * r.normalised.length));
      await writeNpy(out, { data, shape: image.shape ?? [data.length] });
    }
    else await writeNpy(out, { data: Int32Array.from(report.stored), shape: image.channels === 1 ? [image.height, image.width] : [image.channels, image.height, image.width] });
    return image.kind === 'npy' ? null : 'stored values (int32), planar';
  }
  if (ext === '.png') {
    const f = image.format;
    if (image.kind === 'npy' || !f) throw new UsageError('a .npy input is a float model input; write the result as .npy');
    if (f.pixelRepresentation === 1 || f.bitsStored > 16) throw new UsageError(`${image.path} has signed or >16-bit stored values; write .dcm or .npy`);
    const bitDepth = f.bitsStored <= 8 ? 8 : 16;
    const data = interleaved(report.stored, pixels, image.channels);
    await writePng(out, { width: image.width, height: image.height, channels: image.channels as 1 | 3, bitDepth, data: bitDepth === 8 ? Uint8Array.from(data) : Uint16Array.from(data) });
    return image.kind === 'dicom' ? `DICOM stored values written as ${bitDepth}-bit PNG samples (no rescale, no window)` : null;
  }
  if (ext === '.dcm') {
    const written = await writeAttackedDicom(task, report, dirname(out), task.metadata.name);
    await rename(written.path, out);
    return `derived instance ${written.sopInstanceUid} in new series ${written.seriesInstanceUid}`;
  }
  throw new UsageError(`--out must end in .dcm, .png or .npy, not "${ext || out}"`);
}

/** The JSON fields of one attacked sample: the job's scores (../../engine/actions/attackImage) and what only the CLI prints. */
function sampleJson(task: ImageTask, { report, finding }: AttackedSample): Record<string, unknown> {
  const segmentation = task.objective.outputShape.length >= 3;
  return {
    finding: finding ?? null,
    ...attackScores(task, report),
    ...(segmentation
      ? { pixelsKeptBeforeQuantisation: agreement(report.before.decision, report.afterFloat.decision) }
      : { decisionAfterBeforeQuantisation: report.afterFloat.decision }),
    secondsPerIteration: report.secondsPerIteration,
  };
}

/** The human-readable lines of one attacked sample. */
function sampleLines(report: AttackReport, classes: string[], segmentation: boolean, finding: number | undefined): string[] {
  const f = (x: number) => Number(x.toPrecision(5)).toString();
  const m = report.metrics;
  const lines = [`  ${report.success ? 'SUCCESS' : 'failed'} after quantisation${report.successBeforeQuantisation !== report.success ? ` (before quantisation: ${report.successBeforeQuantisation ? 'success' : 'failed'})` : ''}`];
  if (finding !== undefined) {
    const state = (d: number | Int32Array) => (d === 1 ? 'present' : 'absent');
    const name = classes[finding] ?? `finding ${finding}`;
    lines.push(`  ${name}: ${state(report.before.decision)} (${f(report.before.probabilities[finding])}) → ${state(report.after.decision)} (${f(report.after.probabilities[finding])})`);
  } else if (!segmentation) {
    const name = (k: number) => classes[k] ?? `class ${k}`;
    const d0 = report.before.decision as number;
    const d1 = report.after.decision as number;
    lines.push(`  decision ${name(d0)} (${f(report.before.probabilities[d0])}) → ${name(d1)} (${f(report.after.probabilities[d1])})`);
  } else lines.push(`  pixels keeping their class: ${f(100 * agreement(report.before.decision, report.after.decision))} %`);
  lines.push(`  L∞ ${f(m.normalised.linf)}  L2 ${f(m.normalised.l2)} (normalised)   L∞ ${f(m.stored.linf)} stored   L0 ${m.stored.l0}`);
  lines.push(`  SSIM ${Number.isNaN(m.ssim) ? 'n/a' : f(m.ssim)}  PSNR ${Number.isFinite(m.psnr) ? `${f(m.psnr)} dB` : '∞'}`);
  lines.push(`  ${report.iterations} iterations in ${f(report.seconds)} s (${f(1000 * report.secondsPerIteration)} ms each)`);
  if (report.queries !== undefined) lines.push(`  ${report.queries} queries (forward passes)`);
  if (report.winner !== undefined) lines.push(`  worst case from: ${report.winner}`);
  return lines;
}

export const attack: Command = {
  usage: [
    `Usage: aegis attack --model MODEL.onnx IMAGE --method ${ATTACK_CHOICES}`,
    '                    [--eps E] [--norm linf|l2] [--steps N] [--alpha A] [--restarts R] [--target K]',
    '                    [--seed S] [--out OUT.(dcm|png|npy)] [--json]',
    '',
    'The attack perturbs the native-resolution image in normalised display units (eps 0.02 = 2 % of the',
    'intensity window the model sees), then quantises to the original stored integers (Bits Stored,',
    'Pixel Representation) inside the budget and the valid range, and re-scores: "after" is what the',
    'written file produces. A .npy IMAGE is a raw model input; the attack runs there, clipped to [0, 1].',
    `${minimumNormText()}: eps does not bound them.`,
    '',
    'Options:',
    '  --eps E        budget in normalised units (default 0.02 for linf, 1 for l2; 0 for minimum-norm attacks)',
    '  --norm N       linf or l2 (default: the method\'s first norm in the attack catalogue)',
    `  --steps N      iterations (default: ${defaultStepsText()})`,
    '  --alpha A      step size (default per method; C&W: Adam learning rate 0.01)',
    '  --restarts R   PGD random restarts (default 1)',
    '  --target K     targeted attack to class K (segmentation: every pixel to class K)',
    '  --class K      multi-label models: the finding whose decision to flip (default: the most likely)',
    '  --seed S       seed of every random choice (default 0)',
    '  --out FILE     write the attacked image (.dcm: derived instance of a DICOM input; .png; .npy)',
    '  --margin       also find the robustness margin: the smallest budget ≤ eps that flips the decision',
    '                 after quantisation (bisection over seeded PGD with --steps, to eps/100)',
    '  --json         print one JSON object',
    '',
    'Catalogue attacks\' own settings (defaults from the attack catalogue):',
    ...CATALOGUE_USAGE,
  ].join('\n'),
  async run(argv) {
    const parsed = parseCommandArgs('attack', argv, {
      model: { type: 'string' },
      method: { type: 'string' },
      eps: { type: 'string' },
      norm: { type: 'string' },
      steps: { type: 'string' },
      alpha: { type: 'string' },
      restarts: { type: 'string' },
      target: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      class: { type: 'string' },
      margin: { type: 'boolean' },
      json: { type: 'boolean' },
      ...CATALOGUE_FLAGS,
    });
    const v = parsed.values;
    const [imagePath, ...extra] = parsed.positionals;
    if (!v.model) throw new UsageError('--model MODEL.onnx is required');
    if (!imagePath || extra.length) throw new UsageError('give exactly one image: aegis attack --model MODEL IMAGE --method M');
    const method = parseAttackId(v.method, '--method');
    if (v.norm !== undefined && v.norm !== 'linf' && v.norm !== 'l2') throw new UsageError(`--norm must be linf or l2, not "${v.norm}"`);
    const defaults = attackDefaults(method, v.norm as AttackNormId | undefined);
    const { norm } = defaults;
    const eps = number('eps', v.eps, defaults.eps, (x) => x >= 0, 'a number ≥ 0');
    const steps = number('steps', v.steps, defaults.steps, (x) => Number.isInteger(x) && x >= 1, 'a whole number ≥ 1');
    const alpha = v.alpha === undefined ? undefined : number('alpha', v.alpha, 0, (x) => x > 0, 'a positive number');
    const restarts = number('restarts', v.restarts, 1, (x) => Number.isInteger(x) && x >= 1, 'a whole number ≥ 1');
    const seed = number('seed', v.seed, 0, (x) => Number.isInteger(x), 'a whole number');
    const targetDefault = attackEntry(method).parameters.targetClass?.default;
    const targetClass = v.target === undefined ? (typeof targetDefault === 'number' ? targetDefault : undefined) : number('target', v.target, 0, (x) => Number.isInteger(x) && x >= 0, 'a class index ≥ 0');
    if (v.out && !['.dcm', '.png', '.npy'].includes(extname(v.out).toLowerCase())) throw new UsageError(`--out must end in .dcm, .png or .npy, not "${v.out}"`);

    const task = await openImageTask(v.model, imagePath);
    let options: CatalogueOptions | undefined;
    try {
      options = await catalogueOptions(v, method, task);
      const segmentation = task.objective.outputShape.length >= 3;
      if (v.margin && !(eps > 0)) throw new UsageError('--margin searches budgets up to --eps; give a positive --eps');
      const finding = v.class === undefined ? undefined : number('class', v.class, 0, (x) => Number.isInteger(x) && x >= 0, 'a finding index ≥ 0');
      const attacked = await attackImage(task, { method, eps, norm, steps, alpha, restarts, seed, targetClass, finding, extra: options.extra }, { words: { target: '--target K', finding: '--class K' } });
      const reports = attacked.map((a) => a.report);
      const margins: { margin: number | null; robustUpTo: number; probes: number }[] = [];
      if (v.margin) {
        const target = attackTarget(task, targetClass);
        for (const [i, space] of task.spaces.entries()) {
          const r = await imageRobustnessMargin(task.objective, space, { maxEps: eps, tolerance: eps / 100, norm, steps, seed, target, multilabelClass: attacked[i]!.finding });
          margins.push({ margin: r.margin, robustUpTo: r.robustUpTo, probes: r.probes.length });
        }
      }
      const note = v.out ? await writeOut(v.out, task, reports) : null;
      const common = {
        model: v.model,
        image: imagePath,
        imageKind: task.image.kind,
        provider: task.objective.provider,
        output: task.objective.output,
        classes: task.output.classes,
        method,
        norm,
        eps,
        steps,
        seed,
        target: targetClass ?? null,
        out: v.out ?? null,
        outNote: note,
        ...options.json,
      };
      const samples = attacked.map((a, i) => ({ ...sampleJson(task, a), ...(v.margin ? { robustnessMargin: margins[i] } : {}) }));
      if (v.json) {
        console.log(JSON.stringify(samples.length === 1 ? { ...common, ...samples[0] } : { ...common, batch: samples.length, samples }));
        return 0;
      }
      console.log(`${method.toUpperCase()} ${norm} eps ${eps} on ${imagePath} (${task.objective.provider})`);
      reports.forEach((r, i) => {
        if (reports.length > 1) console.log(`sample ${i}:`);
        for (const line of sampleLines(r, task.output.classes, segmentation, attacked[i]!.finding)) console.log(line);
        const m = margins[i];
        if (m) console.log(m.margin === null ? `  robustness margin: above ${eps} (no flip within the budget)` : `  robustness margin: ${Number(m.margin.toPrecision(4))} (robust up to ${Number(m.robustUpTo.toPrecision(4))}, ${m.probes} PGD runs)`);
      });
      if (v.out) console.log(`written ${v.out}${note ? ` — ${note}` : ''}`);
      return 0;
    } finally {
      await options?.release();
      await task.objective.release();
    }
  },
};
