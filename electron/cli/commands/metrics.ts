/**
 * `aegis metrics A B`: how far image B is from image A — L∞, L2, L0 (stored and normalised units),
 * PSNR and SSIM (Wang et al. 2004, Gaussian σ = 1.5, as scikit-image) over a stated data range.
 */
import { loadImage, type LoadedImage } from '../../engine/io/loadImage';
import { compareImages } from '../../engine/metrics/compareImages';
import { perturbationNorms } from '../../engine/metrics/norms';
import { UsageError, type Command } from '../command';
import { parseCommandArgs } from '../args';

/** The default data range: DICOM window width in stored units, else the stored range; PNG 2^bits − 1; .npy 1 or max − min. */
function defaultRange(a: LoadedImage): number {
  if (a.format) {
    if (a.window) return a.window.width / Math.abs(a.format.rescaleSlope);
    return 2 ** a.format.bitsStored - 1;
  }
  let mn = Infinity;
  let mx = -Infinity;
  for (const v of a.values) {
    mn = Math.min(mn, v);
    mx = Math.max(mx, v);
  }
  return mn >= 0 && mx <= 1 ? 1 : mx - mn || 1;
}

const fmt = (v: number): string => (Number.isFinite(v) ? Number(v.toPrecision(6)).toString() : String(v));

export const metrics: Command = {
  usage: [
    'Usage: aegis metrics A B [--range R] [--json]',
    '',
    'A and B are .dcm, .png or .npy files of the same size (B is usually an attacked copy of A).',
    'Norms are given in stored units (the files\' values) and normalised units (divided by the range).',
    'SSIM follows Wang et al. 2004 as scikit-image (gaussian_weights=True, σ = 1.5, K1 = 0.01, K2 = 0.03).',
    '',
    'Options:',
    '  --range R   data range for PSNR, SSIM and normalised norms, in stored units. Default: the DICOM',
    '              window width (else 2^BitsStored − 1), 2^bits − 1 for PNG, 1 for .npy within [0, 1]',
    '  --json      print one JSON object',
  ].join('\n'),
  async run(argv) {
    const parsed = parseCommandArgs('metrics', argv, { json: { type: 'boolean' }, range: { type: 'string' } });
    const [pathA, pathB, ...extra] = parsed.positionals;
    if (!pathA || !pathB || extra.length) throw new UsageError('give exactly two images: aegis metrics A B');
    const [a, b] = [await loadImage(pathA), await loadImage(pathB)];
    if (a.width !== b.width || a.height !== b.height || a.values.length !== b.values.length) {
      throw new UsageError(`${pathA} is ${a.width}×${a.height}×${a.channels} but ${pathB} is ${b.width}×${b.height}×${b.channels}; they must match`, 1);
    }
    const range = parsed.values.range === undefined ? defaultRange(a) : Number(parsed.values.range);
    if (!(range > 0)) throw new UsageError(`--range must be a positive number, not "${parsed.values.range}"`);
    const plane = a.width * a.height;
    let ssim = 0;
    let psnr = 0;
    for (let c = 0; c < a.channels; c++) {
      const m = compareImages(a.values.subarray(c * plane, (c + 1) * plane), b.values.subarray(c * plane, (c + 1) * plane), a.width, a.height, range);
      ssim += m.ssim / a.channels;
      psnr += m.psnr / a.channels;
    }
    const result = { ...perturbationNorms(a.values, b.values, range), ssim, psnr, dataRange: range, width: a.width, height: a.height, channels: a.channels };
    if (parsed.values.json) {
      console.log(JSON.stringify({ ...result, psnr: Number.isFinite(psnr) ? psnr : null }));
      return 0;
    }
    const { stored: s, normalised: n } = result;
    console.log(`${a.width}×${a.height}×${a.channels}, data range ${fmt(range)} (stored units)`);
    console.log(`L∞   ${fmt(s.linf)} stored   ${fmt(n.linf)} normalised`);
    console.log(`L2   ${fmt(s.l2)} stored   ${fmt(n.l2)} normalised`);
    console.log(`L0   ${s.l0} of ${a.values.length} values changed`);
    console.log(`PSNR ${Number.isFinite(psnr) ? `${fmt(psnr)} dB` : 'infinite (identical)'}`);
    console.log(`SSIM ${Number.isNaN(ssim) ? 'n/a (image smaller than the 11×11 window)' : fmt(ssim)}`);
    return 0;
  },
};
