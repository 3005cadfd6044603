/**
 * The self-contained HTML summary of `aegis demo`: the original, the attacked image and the
 * perturbation (diverging colormap, amplified to its own maximum) as embedded PNGs, the prediction
 * before and after, and the attack's numbers. No external resources, no scripts.
 */
import { encodePng } from '../engine/io/png';
import type { CallOutput } from '../shared/contract';
import type { AttackRecord } from '../shared/labTypes';

type Pixels = CallOutput<'frames.pixels'>;
type Meta = CallOutput<'frames.meta'>;

/** What the summary shows. */
export interface DemoReportInput {
  modelName: string;
  modelHash: string | null;
  imageId: string;
  original: { pixels: Pixels; meta: Meta };
  attacked: { pixels: Pixels; meta: Meta };
  perturbation: CallOutput<'attacks.perturbation'>;
  record: AttackRecord;
  exported: { dicom: string; json: string };
}

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const num = (v: number | null, digits = 4): string => (v === null ? 'n/a' : Number(v.toPrecision(digits)).toString());
const png = (bytes: Uint8Array): string => `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;

/** Stored values as the viewer shows them: modality LUT, the file's window (DICOM linear VOI), else min–max; 8-bit. */
function displayPng({ pixels, meta }: { pixels: Pixels; meta: Meta }): string {
  const { rows, columns, samplesPerPixel, dtype, color } = pixels.meta;
  const n = rows * columns * samplesPerPixel;
  if (color) return png(encodePng({ width: columns, height: rows, channels: 3, bitDepth: 8, data: pixels.data.slice(0, n) }));
  const Ctor = { uint8: Uint8Array, int8: Int8Array, uint16: Uint16Array, int16: Int16Array, uint32: Uint32Array, int32: Int32Array, float32: Float32Array }[dtype];
  const bytes = pixels.data.slice();
  const stored = new Ctor(bytes.buffer, bytes.byteOffset, n);
  const values = Float64Array.from(stored, (v) => v * meta.rescaleSlope + meta.rescaleIntercept);
  let lo: number;
  let hi: number;
  if (meta.windowCenter !== null && meta.windowWidth !== null && meta.windowWidth > 1) {
    lo = meta.windowCenter - 0.5 - (meta.windowWidth - 1) / 2;
    hi = meta.windowCenter - 0.5 + (meta.windowWidth - 1) / 2;
  } else {
    lo = Infinity;
    hi = -Infinity;
    for (const v of values) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const invert = meta.photometricInterpretation === 'MONOCHROME1';
  const out = Uint8Array.from(values, (v) => {
    const t = Math.min(1, Math.max(0, hi > lo ? (v - lo) / (hi - lo) : 0));
    return Math.round(255 * (invert ? 1 - t : t));
  });
  return png(encodePng({ width: columns, height: rows, channels: 1, bitDepth: 8, data: out }));
}

/** attacked − original on a blue–white–red scale, ±maxAbs at the ends (grey channels averaged for colour). */
function perturbationPng(p: CallOutput<'attacks.perturbation'>): string {
  const pixels = p.width * p.height;
  const rgb = new Uint8Array(pixels * 3);
  const scale = p.maxAbs > 0 ? p.maxAbs : 1;
  for (let i = 0; i < pixels; i++) {
    let d = 0;
    for (let c = 0; c < p.channels; c++) d += p.data[i * p.channels + c]!;
    const t = Math.max(-1, Math.min(1, d / p.channels / scale));
    const fade = Math.round(255 * (1 - Math.abs(t)));
    rgb.set(t >= 0 ? [255, fade, fade] : [fade, fade, 255], i * 3);
  }
  return png(encodePng({ width: p.width, height: p.height, channels: 3, bitDepth: 8, data: rgb }));
}

function bars(classes: string[], probabilities: number[] | null): string {
  return (probabilities ?? [])
    .map((p, k) => `<div class="bar"><span>${escape(classes[k] ?? `class ${k}`)}</span><i style="width:${(100 * p).toFixed(1)}%"></i><b>${(100 * p).toFixed(1)} %</b></div>`)
    .join('');
}

/** The whole HTML page. */
export function renderDemoReport(r: DemoReportInput): string {
  const { record } = r;
  const name = (d: AttackRecord['decisionBefore']) => (typeof d === 'number' ? `: ${record.classes[d] ?? `class ${d}`}` : d === null ? '' : `: ${d.map((k) => record.classes[k] ?? k).join(', ')}`);
  const n = record.norms;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Aegis demo: ${escape(record.params.method.toUpperCase())} on a synthetic phantom</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:1200px}figure{display:inline-block;margin:0 1em 1em 0}img{width:360px;image-rendering:pixelated;border:1px solid #888}
.bar{display:grid;grid-template-columns:10em 20em 5em;align-items:center;gap:.5em}.bar i{display:block;height:1em;background:#4a7bd0}table{border-collapse:collapse}td{padding:2px 1em 2px 0}
.warn{background:#fff3cd;padding:.5em 1em;border:1px solid #e0c060}.adv{color:#b00;font-weight:bold}</style></head><body>
<h1>Aegis demo</h1>
<p class="warn">Synthetic phantom images and a demo model trained on them. Not a patient, not for clinical use.</p>
<p>Model <b>${escape(r.modelName)}</b> (sha256 ${escape(r.modelHash ?? 'unknown')}, ${escape(record.model.provider)}); image <code>${escape(r.imageId)}</code>.</p>
<figure><img alt="original" src="${displayPng(r.original)}"><figcaption>Original</figcaption></figure>
<figure><img alt="attacked" src="${displayPng(r.attacked)}"><figcaption><span class="adv">ADVERSARIAL</span> ${escape(record.params.method.toUpperCase())}, eps ${record.params.eps}</figcaption></figure>
<figure><img alt="perturbation" src="${perturbationPng(r.perturbation)}"><figcaption>Perturbation, blue − / red +, full scale ±${num(r.perturbation.maxAbs)} stored units</figcaption></figure>
<h2>Prediction</h2>
${record.probabilitiesBefore === null ? '' : `<h3>Before${escape(name(record.decisionBefore))}</h3>${bars(record.classes, record.probabilitiesBefore)}
<h3>After (the exported DICOM)${escape(name(record.decisionAfter))}</h3>${bars(record.classes, record.probabilitiesAfter)}`}
${record.pixelsKept !== null ? `<p>Per-pixel output: ${(100 * record.pixelsKept).toFixed(1)} % of pixels kept their class.</p>` : ''}
<p>The attack ${record.success ? '<b>changed the call</b>' : 'did not change the call'} after quantisation to stored values${record.successBeforeQuantisation !== record.success ? ` (before quantisation it ${record.successBeforeQuantisation ? 'did' : 'did not'})` : ''}.</p>
<h2>Attack</h2><table>
<tr><td>Method</td><td>${escape(record.params.method.toUpperCase())}, ${record.params.norm}, eps ${record.params.eps} (normalised), ${record.params.steps} steps, seed ${record.params.seed}</td></tr>
<tr><td>L∞</td><td>${num(n.normalised.linf)} normalised = ${num(n.stored.linf)} stored units</td></tr>
<tr><td>L2</td><td>${num(n.normalised.l2)} normalised = ${num(n.stored.l2)} stored units</td></tr>
<tr><td>SSIM</td><td>${num(record.ssim)}</td></tr><tr><td>PSNR</td><td>${num(record.psnr)} dB</td></tr>
<tr><td>Time</td><td>${num(record.seconds, 3)} s for ${record.iterations} iterations</td></tr>
<tr><td>Derived DICOM</td><td><code>${escape(r.exported.dicom)}</code></td></tr><tr><td>Record</td><td><code>${escape(r.exported.json)}</code></td></tr>
</table></body></html>
`;
}
