/**
 * The self-contained HTML summary of `aegis demo`: every image with its ground truth and the
 * classifier's probability, and for each attacked image the original, the attacked version and the
 * perturbation amplified, as inline PNGs, with the numbers. No external resources.
 */
import { encodePng } from '../../base/png';

/** One demo image's row. */
export interface DemoRow {
  file: string;
  nodulePresent: boolean;
  probability: number;
}

/** One attacked image. */
export interface DemoAttack {
  file: string;
  derivedFile: string;
  eps: number;
  before: number;
  after: number;
  success: boolean;
  linfStored: number;
  ssim: number;
  psnr: number;
  /** 512 × 512 stored values of the original and the attacked image. */
  original: ArrayLike<number>;
  attacked: ArrayLike<number>;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** A 256 × 256 PNG data URI of a 512 × 512 image (2 × 2 mean), values mapped by `toByte`. */
function thumbnail(values: ArrayLike<number>, toByte: (v: number) => number): string {
  const out = new Uint8Array(256 * 256);
  for (let y = 0; y < 256; y++) {
    for (let x = 0; x < 256; x++) {
      const i = 2 * y * 512 + 2 * x;
      out[y * 256 + x] = Math.max(0, Math.min(255, Math.round(toByte((values[i] + values[i + 1] + values[i + 512] + values[i + 513]) / 4))));
    }
  }
  return `data:image/png;base64,${Buffer.from(encodePng({ width: 256, height: 256, channels: 1, bitDepth: 8, data: out })).toString('base64')}`;
}

/** Renders the summary page. */
export function demoHtml(rows: DemoRow[], attacks: DemoAttack[], meta: { model: string; auc: number; accuracy: number; seconds: number }): string {
  const table = rows
    .map((r) => `<tr><td>${esc(r.file)}</td><td>${r.nodulePresent ? 'present' : 'absent'}</td><td>${r.probability.toFixed(3)}</td><td>${(r.probability > 0.5) === r.nodulePresent ? '✓' : '✗'}</td></tr>`)
    .join('\n');
  const cards = attacks
    .map((a) => {
      const diff = Array.from({ length: 512 * 512 }, (_, i) => a.attacked[i] - a.original[i]);
      const amp = 127 / Math.max(1, a.linfStored);
      return `<section><h3>${esc(a.file)} → ${esc(a.derivedFile)}</h3>
<div class="row"><figure><img src="${thumbnail(a.original, (v) => (v / 4095) * 255)}"><figcaption>original</figcaption></figure>
<figure><img src="${thumbnail(a.attacked, (v) => (v / 4095) * 255)}"><figcaption>PGD L∞ ε = ${a.eps}</figcaption></figure>
<figure><img src="${thumbnail(diff, (v) => 128 + v * amp)}"><figcaption>perturbation × ${amp.toFixed(1)}</figcaption></figure></div>
<p>P(nodule) ${a.before.toFixed(3)} → <b>${a.after.toFixed(3)}</b> (after quantisation to stored values) — ${a.success ? 'decision flipped' : 'decision kept'};
L∞ ${a.linfStored} stored units, SSIM ${a.ssim.toFixed(4)}, PSNR ${a.psnr.toFixed(1)} dB.</p></section>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Aegis demo summary</title>
<style>body{font:14px system-ui,sans-serif;max-width:60em;margin:2em auto;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px}
.row{display:flex;gap:1em}figure{margin:0}img{width:256px;height:256px;image-rendering:pixelated;background:#000}.warn{background:#fff3cd;padding:.5em 1em}</style></head><body>
<h1>Aegis demo summary</h1>
<p class="warn"><b>Synthetic phantoms and demonstration models only. Not for clinical use.</b></p>
<p>Model: ${esc(meta.model)}. On these ${rows.length} demo images: AUC ${meta.auc.toFixed(3)}, accuracy ${meta.accuracy.toFixed(3)}. Run time ${meta.seconds.toFixed(1)} s.</p>
<h2>Predictions</h2><table><tr><th>image</th><th>nodule (truth)</th><th>P(nodule)</th><th>correct</th></tr>
${table}</table>
<h2>Attacks</h2>
${cards}
</body></html>
`;
}
