/**
 * `aegis attack --model MODEL IMAGE --method M`: a white-box attack in stored-pixel space
 * (ARCHITECTURE.md principle 2), re-scored after quantisation, optionally written out.
 */
import { rename } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { writeDerived } from '../../dicom/index';
import { agreement } from '../../engine/attacks/goal';
import { openImageTask, type ImageTask } from '../../engine/attacks/imageTask';
import { imageRobustnessMargin } from '../../engine/attacks/robustnessMargin';
import { ATTACK_METHODS, runAttack, type AttackMethod, type AttackReport } from '../../engine/attacks/runAttack';
import { writeNpy } from '../../engine/io/npy';
import { writePng } from '../../engine/io/png';
import { UsageError, type Command } from '../command';
import { parseCommandArgs } from '../args';

const DEFAULT_STEPS: Record<AttackMethod, number> = { fgsm: 1, bim: 10, pgd: 10, mifgsm: 10, cw: 100, deepfool: 50 };

function number(flag: string, raw: string | undefined, fallback: number, check: (v: number) => boolean, want: string): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || !check(v)) throw new UsageError(`--${flag} must be ${want}, not "${raw}"`);
  return v;
}

/** Planar → interleaved. */
function interleaved(planar: ArrayLike<number>, pixels: number, channels: number): Int32Array {
  const out = new Int32Array(pixels * channels);
  for (let p = 0; p < pixels; p++) for (let c = 0; c < channels; c++) out[p * channels + c] = planar[c * pixels + p];
  return out;
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
    if (image.kind !== 'dicom') throw new UsageError('only a DICOM input can be written as .dcm (a derived instance of it)');
    if (image.palette) throw new UsageError('a PALETTE COLOR image is attacked in RGB and cannot be written back as palette indices; write .png or .npy');
    const written = await writeDerived({
      source: image.path,
      storedPixels: interleaved(report.stored, pixels, image.channels),
      method: report.method.toUpperCase(),
      budget: report.eps,
      details: `norm ${report.norm}, ${report.iterations} iterations, seed ${report.seed}, model ${task.metadata.name || 'unnamed'}`,
      outDir: dirname(out),
    });
    await rename(written.path, out);
    return `derived instance ${written.sopInstanceUid} in new series ${written.seriesInstanceUid}`;
  }
  throw new UsageError(`--out must end in .dcm, .png or .npy, not "${ext || out}"`);
}

/** The JSON fields of one attacked sample. */
function sampleJson(report: AttackReport, segmentation: boolean, finding: number | undefined): Record<string, unknown> {
  const m = report.metrics;
  const scores = segmentation
    ? { pixelsKeptBeforeQuantisation: agreement(report.before.decision, report.afterFloat.decision), pixelsKept: agreement(report.before.decision, report.after.decision) }
    : {
        decisionBefore: report.before.decision,
        decisionAfterBeforeQuantisation: report.afterFloat.decision,
        decisionAfter: report.after.decision,
        probabilitiesBefore: Array.from(report.before.probabilities),
        probabilitiesBeforeQuantisation: Array.from(report.afterFloat.probabilities),
        probabilitiesAfter: Array.from(report.after.probabilities),
      };
  return {
    finding: finding ?? null,
    ...scores,
    successBeforeQuantisation: report.successBeforeQuantisation,
    success: report.success,
    norms: { stored: m.stored, normalised: m.normalised },
    ssim: Number.isNaN(m.ssim) ? null : m.ssim,
    psnr: Number.isFinite(m.psnr) ? m.psnr : null,
    dataRange: m.dataRange,
    iterations: report.iterations,
    seconds: report.seconds,
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
  return lines;
}

export const attack: Command = {
  usage: [
    'Usage: aegis attack --model MODEL.onnx IMAGE --method fgsm|bim|pgd|mifgsm|cw|deepfool',
    '                    [--eps E] [--norm linf|l2] [--steps N] [--alpha A] [--restarts R] [--target K]',
    '                    [--seed S] [--out OUT.(dcm|png|npy)] [--json]',
    '',
    'The attack perturbs the native-resolution image in normalised display units (eps 0.02 = 2 % of the',
    'intensity window the model sees), then quantises to the original stored integers (Bits Stored,',
    'Pixel Representation) inside the budget and the valid range, and re-scores: "after" is what the',
    'written file produces. A .npy IMAGE is a raw model input; the attack runs there, clipped to [0, 1].',
    'C&W and DeepFool are minimum-norm attacks: eps does not bound them.',
    '',
    'Options:',
    '  --eps E        budget in normalised units (default 0.02 for linf, 1 for l2)',
    '  --norm N       linf or l2 (default linf; l2 for cw and deepfool)',
    '  --steps N      iterations (default: fgsm 1, bim/pgd/mifgsm 10, cw 100, deepfool 50)',
    '  --alpha A      step size (default per method; C&W: Adam learning rate 0.01)',
    '  --restarts R   PGD random restarts (default 1)',
    '  --target K     targeted attack to class K (segmentation: every pixel to class K)',
    '  --class K      multi-label models: the finding whose decision to flip (default: the most likely)',
    '  --seed S       seed of every random choice (default 0)',
    '  --out FILE     write the attacked image (.dcm: derived instance of a DICOM input; .png; .npy)',
    '  --margin       also find the robustness margin: the smallest budget ≤ eps that flips the decision',
    '                 after quantisation (bisection over seeded PGD with --steps, to eps/100)',
    '  --json         print one JSON object',
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
    });
    const v = parsed.values;
    const [imagePath, ...extra] = parsed.positionals;
    if (!v.model) throw new UsageError('--model MODEL.onnx is required');
    if (!imagePath || extra.length) throw new UsageError('give exactly one image: aegis attack --model MODEL IMAGE --method M');
    const method = v.method as AttackMethod;
    if (!method || !(method in ATTACK_METHODS)) throw new UsageError(`--method must be one of ${Object.keys(ATTACK_METHODS).join(', ')}`);
    const minimumNorm = method === 'cw' || method === 'deepfool';
    const norm = (v.norm ?? (minimumNorm ? 'l2' : 'linf')) as 'linf' | 'l2';
    if (norm !== 'linf' && norm !== 'l2') throw new UsageError(`--norm must be linf or l2, not "${v.norm}"`);
    const eps = number('eps', v.eps, norm === 'linf' ? 0.02 : 1, (x) => x >= 0, 'a number ≥ 0');
    const steps = number('steps', v.steps, DEFAULT_STEPS[method], (x) => Number.isInteger(x) && x >= 1, 'a whole number ≥ 1');
    const alpha = v.alpha === undefined ? undefined : number('alpha', v.alpha, 0, (x) => x > 0, 'a positive number');
    const restarts = number('restarts', v.restarts, 1, (x) => Number.isInteger(x) && x >= 1, 'a whole number ≥ 1');
    const seed = number('seed', v.seed, 0, (x) => Number.isInteger(x), 'a whole number');
    const targetClass = v.target === undefined ? undefined : number('target', v.target, 0, (x) => Number.isInteger(x) && x >= 0, 'a class index ≥ 0');
    if (v.out && !['.dcm', '.png', '.npy'].includes(extname(v.out).toLowerCase())) throw new UsageError(`--out must end in .dcm, .png or .npy, not "${v.out}"`);

    const task = await openImageTask(v.model, imagePath);
    try {
      const shape = task.objective.outputShape;
      const segmentation = shape.length >= 3;
      if (targetClass !== undefined && targetClass >= shape[0]) throw new UsageError(`--target ${targetClass} is out of range: the model has ${shape[0]} classes (0…${shape[0] - 1})`, 1);
      const multilabel = task.output.kind === 'multilabel-logits';
      if (multilabel && targetClass !== undefined) throw new UsageError('for a multi-label model choose the finding with --class K; the attack flips its decision');
      if (!multilabel && v.class !== undefined) throw new UsageError('--class is for multi-label models (metadata.json output kind "multilabel-logits"); use --target K');
      const target = targetClass === undefined ? undefined : segmentation ? new Int32Array(shape.slice(1).reduce((a, b) => a * b, 1)).fill(targetClass) : targetClass;
      if (v.margin && !(eps > 0)) throw new UsageError('--margin searches budgets up to --eps; give a positive --eps');
      const reports: AttackReport[] = [];
      const margins: { margin: number | null; robustUpTo: number; probes: number }[] = [];
      const findings: (number | undefined)[] = [];
      for (const [i, space] of task.spaces.entries()) {
        let finding: number | undefined;
        if (multilabel) {
          const clean = await task.objective.predict(task.modelInputs[i]);
          finding = number('class', v.class, clean.indexOf(Math.max(...clean)), (x) => Number.isInteger(x) && x >= 0 && x < shape[0], `a finding index 0…${shape[0] - 1}`);
        }
        findings.push(finding);
        reports.push(await runAttack(task.objective, space, { method, eps, norm, steps, alpha, restarts, seed, target, multilabelClass: finding }));
        if (v.margin) {
          const r = await imageRobustnessMargin(task.objective, space, { maxEps: eps, tolerance: eps / 100, norm, steps, seed, target, multilabelClass: finding });
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
      };
      const samples = reports.map((r, i) => ({ ...sampleJson(r, segmentation, findings[i]), ...(v.margin ? { robustnessMargin: margins[i] } : {}) }));
      if (v.json) {
        console.log(JSON.stringify(samples.length === 1 ? { ...common, ...samples[0] } : { ...common, batch: samples.length, samples }));
        return 0;
      }
      console.log(`${method.toUpperCase()} ${norm} eps ${eps} on ${imagePath} (${task.objective.provider})`);
      reports.forEach((r, i) => {
        if (reports.length > 1) console.log(`sample ${i}:`);
        for (const line of sampleLines(r, task.output.classes, segmentation, findings[i])) console.log(line);
        const m = margins[i];
        if (m) console.log(m.margin === null ? `  robustness margin: above ${eps} (no flip within the budget)` : `  robustness margin: ${Number(m.margin.toPrecision(4))} (robust up to ${Number(m.robustUpTo.toPrecision(4))}, ${m.probes} PGD runs)`);
      });
      if (v.out) console.log(`written ${v.out}${note ? ` — ${note}` : ''}`);
      return 0;
    } finally {
      await task.objective.release();
    }
  },
};
