/**
 * `aegis saliency --model MODEL IMAGE --method M --out MAP.(npy|png)`: one saliency map of the
 * model's call on an image, on the model-input grid (or, with --grid image, the app's map on the
 * image's pixels: the same explainImage + saliencyResult the 'saliency' job runs), with checks.
 */
import { extname } from 'node:path';
import { SALIENCY_METHODS, type SaliencyMethod } from '../../engine/saliency/computeSaliency';
import { explainImage } from '../../engine/saliency/explainImage';
import { saliencyResult } from '../../engine/saliency/saliencyResult';
import { writeNpy } from '../../engine/io/npy';
import { writePng } from '../../engine/io/png';
import { sanityText } from '../../shared/saliencySanity';
import { UsageError, type Command } from '../command';
import { intOption, parseCommandArgs } from '../args';


/** 8-bit grey PNG of a map, min–max scaled. */
function mapToPng(data: Float32Array, width: number, height: number) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of data) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const pixels = Uint8Array.from(data, (v) => (hi > lo ? Math.round((255 * (v - lo)) / (hi - lo)) : 0));
  return { width, height, channels: 1 as const, bitDepth: 8 as const, data: pixels };
}

export const saliency: Command = {
  usage: [
    'Usage: aegis saliency --model MODEL.onnx IMAGE --method METHOD --out MAP.(npy|png) [options] [--json]',
    '',
    `METHOD: ${SALIENCY_METHODS.join(' | ')}. IMAGE is .dcm/.png (prepared as metadata.json says) or a raw .npy.`,
    'The map is on the model-input grid (H×W), or with --grid image on the image\'s own pixels, exactly as the',
    'app\'s saliency job returns and overlays it. Models the compiler cannot differentiate get occlusion, with a note.',
    '',
    'Options:',
    '  --class K       class to explain (default: the predicted class)',
    '  --layer NAME    Grad-CAM/HiResCAM layer (default: the last spatial feature map, chosen automatically)',
    '  --samples N     SmoothGrad noisy copies (default 50)',
    '  --sigma F       SmoothGrad noise σ as a fraction of the input range (default 0.15)',
    '  --steps N       Integrated Gradients steps (default 50)',
    '  --baseline B    Integrated Gradients baseline: black (default), blurred (the image blurred), or a',
    '                  number in model-input units (e.g. -1024 for air in a HU-scaled model)',
    '  --seed S        seed for SmoothGrad noise and the sanity check (default 0)',
    '  --sanity        also recompute with randomised weights and report how similar the map stays',
    '  --grid G        model (default): the model-input grid; image: resampled onto the image (the app\'s map)',
    '  --json          print one JSON object',
  ].join('\n'),
  async run(argv) {
    const parsed = parseCommandArgs('saliency', argv, {
      model: { type: 'string' },
      method: { type: 'string' },
      out: { type: 'string' },
      class: { type: 'string' },
      layer: { type: 'string' },
      samples: { type: 'string' },
      sigma: { type: 'string' },
      steps: { type: 'string' },
      baseline: { type: 'string' },
      seed: { type: 'string' },
      sanity: { type: 'boolean' },
      grid: { type: 'string' },
      json: { type: 'boolean' },
    });
    const v = parsed.values;
    const [imagePath, ...extra] = parsed.positionals;
    if (!v.model) throw new UsageError('--model MODEL.onnx is required');
    if (!imagePath || extra.length) throw new UsageError('give exactly one image');
    const method = v.method as SaliencyMethod;
    if (!SALIENCY_METHODS.includes(method)) throw new UsageError(`--method must be one of ${SALIENCY_METHODS.join(', ')}`);
    if (!v.out || !['.npy', '.png'].includes(extname(v.out).toLowerCase())) throw new UsageError('--out MAP.npy or MAP.png is required');
    const grid = v.grid ?? 'model';
    if (grid !== 'model' && grid !== 'image') throw new UsageError(`--grid must be model or image, not "${grid}"`);
    const sigma = v.sigma === undefined ? undefined : Number(v.sigma);
    if (sigma !== undefined && !(sigma > 0 && sigma < 1)) throw new UsageError(`--sigma is a fraction of the input range in (0, 1), got "${v.sigma}"`);

    const baselineText = v.baseline ?? 'black';
    const baselineValue = baselineText === 'black' || baselineText === 'blurred' ? undefined : Number(baselineText);
    if (baselineValue !== undefined && !Number.isFinite(baselineValue)) throw new UsageError(`--baseline must be black, blurred or a number, got "${baselineText}"`);
    const outcome = await explainImage(v.model, imagePath, {
      baselineKind: baselineValue === undefined ? (baselineText as 'black' | 'blurred') : 'constant',
      baselineValue,
      method,
      classIndex: intOption(v.class, '--class'),
      layer: v.layer,
      samples: intOption(v.samples, '--samples'),
      sigmaFraction: sigma,
      steps: intOption(v.steps, '--steps'),
      seed: intOption(v.seed, '--seed'),
      sanity: v.sanity,
    });
    const { map, seconds } = outcome;
    const written = grid === 'image' ? saliencyResult(outcome) : { map: map.data, width: map.width, height: map.height };
    if (extname(v.out).toLowerCase() === '.npy') await writeNpy(v.out, { data: written.map, shape: [written.height, written.width] });
    else await writePng(v.out, mapToPng(written.map, written.width, written.height));
    const report = {
      method: map.method,
      params: map.params,
      classIndex: outcome.classIndex,
      className: outcome.className,
      scores: Array.from(outcome.scores),
      width: written.width,
      height: written.height,
      grid,
      note: outcome.note ?? null,
      completeness: outcome.completeness ?? null,
      sanity: outcome.sanity ?? null,
      seconds,
      out: v.out,
    };
    if (v.json) {
      console.log(JSON.stringify(report));
      return 0;
    }
    console.log(`${map.method} for ${report.className} (${written.width}×${written.height}, ${grid} grid) → ${v.out} in ${seconds.toFixed(2)} s`);
    console.log(`  ${Object.entries(map.params).map(([k, val]) => `${k}: ${val}`).join('; ')}`);
    if (outcome.note) console.log(`  note: ${outcome.note}`);
    if (outcome.completeness) {
      const c = outcome.completeness;
      console.log(`  completeness: Σ attributions ${c.attributionSum.toFixed(4)} vs f(x) − f(baseline) ${c.scoreDifference.toFixed(4)} (gap ${(100 * c.relativeGap).toFixed(2)} %)`);
    }
    if (outcome.sanity) {
      const s = outcome.sanity;
      console.log(`  sanity (randomised weights): Spearman of |map| ${s.spearmanAbs.toFixed(3)}${s.ssim === null ? '' : `, SSIM ${s.ssim.toFixed(3)}`} — ${sanityText(s.spearmanAbs, s.ssim)}`);
    }
    return 0;
  },
};
