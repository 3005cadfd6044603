/**
 * `aegis fake IMAGE --generator insert|remove|GEN.onnx --at COL,ROW`: a GAN fake (CT-GAN style
 * lesion insert or removal) of one image, pasted back at native resolution inside a feathered disc
 * around the click and quantised to the original's stored integers; optionally scored by a model
 * before and after, refined by region-restricted PGD, and written as a derived DICOM.
 */
import { rename } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { runFake, type FakeResult } from '../../engine/fakes/runFake';
import { writeFakeDicom } from '../../engine/fakes/writeFake';
import { writeNpy } from '../../engine/io/npy';
import { bundledModelsDir } from '../../services/lab/bundledModelsDir';
import { parseCommandArgs } from '../args';
import { UsageError, type Command } from '../command';

/** The bundled generator for a word, or the path given. */
export function generatorPath(choice: string): string {
  if (choice === 'insert' || choice === 'remove') return join(bundledModelsDir(), `demo-lesion-${choice}`, 'model.onnx');
  if (extname(choice).toLowerCase() !== '.onnx') throw new UsageError(`--generator must be insert, remove or a .onnx file, not "${choice}"`);
  return choice;
}

function parseAt(raw: string | undefined): { col: number; row: number } {
  const m = raw?.match(/^\s*(\d+)\s*,\s*(\d+)\s*$/);
  if (!m) throw new UsageError(`--at must be COL,ROW in image pixels (e.g. --at 180,240), not "${raw ?? ''}"`);
  return { col: Number(m[1]), row: Number(m[2]) };
}

function positive(flag: string, raw: string | undefined, integer: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!(Number.isFinite(v) && v > 0 && (!integer || Number.isInteger(v)))) throw new UsageError(`--${flag} must be a positive ${integer ? 'whole ' : ''}number, not "${raw}"`);
  return v;
}

async function writeOut(out: string, r: FakeResult): Promise<string> {
  const ext = extname(out).toLowerCase();
  if (ext === '.npy') {
    await writeNpy(out, { data: Int32Array.from(r.stored), shape: [r.image.height, r.image.width] });
    return 'stored values (int32)';
  }
  if (r.image.kind !== 'dicom') throw new UsageError('only a DICOM input can be written as .dcm (a derived instance of it); write .npy');
  const written = await writeFakeDicom(r, dirname(out));
  await rename(written.path, out);
  return `derived instance ${written.sopInstanceUid} in new series ${written.seriesInstanceUid}`;
}

const callName = (classes: string[], d: number | number[]) => (typeof d === 'number' ? (classes[d] ?? `class ${d}`) : d.map((k) => classes[k] ?? `class ${k}`).join(', ') || 'none');

export const fake: Command = {
  usage: [
    'Usage: aegis fake IMAGE.dcm --generator insert|remove|GEN.onnx --at COL,ROW',
    '                  [--model M.onnx] [--refine-eps E --refine-steps N] [--seed S] [--out OUT.dcm|.npy] [--json]',
    '',
    'Plants (insert) or erases (remove) a lesion with a trained generator, as CT-GAN does: the patch around',
    'COL,ROW (image pixels) is generated, matched to the local intensity, pasted back at native resolution',
    'with a feathered edge and quantised to the original stored integers. Pixels beyond the generator\'s',
    'blend radius (metadata.json generator.blend.outer; 30 px for the bundled ones) stay bit-identical.',
    '',
    'Options:',
    '  --generator G   insert / remove (the bundled demo generators) or your own GEN.onnx with a',
    '                  metadata.json saying "kind": "generator" (patch size, mask, intensity, blend)',
    '  --at COL,ROW    the location, in image pixels',
    '  --model M       a classifier: its call before and after is reported',
    '  --refine-eps E  hybrid: PGD restricted to the edited region toward the opposite call, L∞ budget E',
    '                  in normalised units around the generated image (needs --model)',
    '  --refine-steps N  PGD iterations (default 10)',
    '  --seed S        seed of the PGD random start (default 0)',
    '  --out FILE      .dcm (derived instance of a DICOM input) or .npy (stored values)',
    '  --json          print one JSON object',
  ].join('\n'),
  async run(argv) {
    const parsed = parseCommandArgs('fake', argv, {
      generator: { type: 'string' },
      at: { type: 'string' },
      model: { type: 'string' },
      'refine-eps': { type: 'string' },
      'refine-steps': { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    });
    const v = parsed.values;
    const [imagePath, ...extra] = parsed.positionals;
    if (!imagePath || extra.length) throw new UsageError('give exactly one image: aegis fake IMAGE.dcm --generator insert --at COL,ROW');
    if (!v.generator) throw new UsageError('--generator insert|remove|GEN.onnx is required');
    const { col, row } = parseAt(v.at);
    const seed = v.seed === undefined ? 0 : Number(v.seed);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, not "${v.seed}"`);
    const eps = positive('refine-eps', v['refine-eps'], false);
    const steps = positive('refine-steps', v['refine-steps'], true);
    if (steps !== undefined && eps === undefined) throw new UsageError('--refine-steps needs --refine-eps');
    if (eps !== undefined && !v.model) throw new UsageError('--refine-eps attacks a model: give --model M.onnx');
    if (v.out && !['.dcm', '.npy'].includes(extname(v.out).toLowerCase())) throw new UsageError(`--out must end in .dcm or .npy, not "${v.out}"`);
    const r = await runFake({
      generator: generatorPath(v.generator),
      image: imagePath,
      col,
      row,
      model: v.model,
      refine: eps === undefined ? undefined : { eps, steps: steps ?? 10 },
      seed,
    });
    const note = v.out ? await writeOut(v.out, r) : null;
    const c = r.calls;
    const decision = (s: NonNullable<typeof c>['before']) => ('decision' in s ? s.decision : null);
    const probs = (s: NonNullable<typeof c>['before']) => ('probabilities' in s ? s.probabilities : null);
    const m = r.metrics;
    const json = {
      image: imagePath,
      generator: r.generator,
      at: [col, row],
      region: { col, row, inner: r.region.inner, outer: r.region.outer, unchangedBeyond: r.region.outer, box: r.region.box },
      changedPixels: r.changedPixels,
      ssim: Number.isNaN(m.ssim) ? null : m.ssim,
      psnr: Number.isFinite(m.psnr) ? m.psnr : null,
      dataRange: m.dataRange,
      norms: { stored: m.stored, normalised: m.normalised },
      model: v.model ?? null,
      classes: c?.classes ?? null,
      decisionBefore: c ? decision(c.before) : null,
      decisionAfterGenerator: c ? decision(c.afterGenerator) : null,
      decisionAfter: c ? decision(c.after) : null,
      probabilitiesBefore: c ? probs(c.before) : null,
      probabilitiesAfter: c ? probs(c.after) : null,
      flipped: c ? JSON.stringify(decision(c.before)) !== JSON.stringify(decision(c.after)) : null,
      refine: r.refine,
      seed,
      out: v.out ?? null,
      outNote: note,
    };
    if (v.json) {
      console.log(JSON.stringify(json));
      return 0;
    }
    const f = (x: number) => Number(x.toPrecision(5)).toString();
    console.log(`${r.generator.operation} with ${r.generator.name || r.generator.path} at ${col},${row} of ${imagePath}`);
    console.log(`  region: full replacement within ${r.region.inner} px, feathered to ${r.region.outer} px; ${r.changedPixels} stored values changed, none beyond ${r.region.outer} px`);
    console.log(`  SSIM ${Number.isNaN(m.ssim) ? 'n/a' : f(m.ssim)}  PSNR ${Number.isFinite(m.psnr) ? `${f(m.psnr)} dB` : '∞'} (whole image, data range ${m.dataRange})`);
    if (c && json.decisionBefore !== null && json.decisionAfter !== null) {
      console.log(`  ${v.model}: ${callName(c.classes, json.decisionBefore)} → ${callName(c.classes, json.decisionAfter)}${json.flipped ? ' (flipped)' : ' (unchanged)'}${r.refine ? `; after the generator alone: ${callName(c.classes, json.decisionAfterGenerator!)}` : ''}`);
    }
    if (v.out) console.log(`written ${v.out} — ${note}`);
    return 0;
  },
};
