/**
 * The QA report: the session summary (measures with 95 % intervals), a self-contained HTML page
 * (charts inlined as SVG, example images as data: URLs, no script, nothing fetched) and the
 * per-image CSV/JSON, as MONAI writes its per-image and summary CSVs — with intervals.
 */
import type { QaChart } from '../../shared/qaCharts';
import type { QaInterval, QaSummary } from '../../shared/qaSummary';
import type { QaConfig, QaItemResult } from '../../shared/qaTypes';
import type { QaExample } from './exampleImages';
import { qaMeasures } from './qaMeasures';
import type { QaSessionOutcome } from './runQaSession';

/** The summary of a finished session. `appVersion` is Aegis's version (package.json). */
export function summariseSession(outcome: QaSessionOutcome, config: QaConfig, appVersion: string, now = new Date()): QaSummary {
  const measures = qaMeasures({ models: outcome.models, config, results: outcome.results });
  return {
    sessionId: outcome.sessionId,
    appVersion,
    createdAt: now.toISOString(),
    config: { ...config },
    models: outcome.models,
    images: new Set(outcome.results.map((r) => r.imageHash)).size,
    computed: outcome.computed,
    reused: outcome.reused,
    reusedImages: outcome.reusedImages,
    ...measures,
  };
}

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** "0.983 (0.91–0.997), n = 40" for an interval; "—" when absent. */
export function formatInterval(i: QaInterval | null | undefined, digits = 3): string {
  if (!i) return '—';
  return `${i.estimate.toFixed(digits)} (${i.low.toFixed(digits)}–${i.high.toFixed(digits)}), n = ${i.n}`;
}

function table(head: string[], rows: string[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const png = (bytes: Uint8Array) => `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;

/** The report page: one HTML string with everything inlined. `svgs` are the charts' SVG, in order. */
export function reportHtml(s: QaSummary, charts: QaChart[], svgs: string[], examples: QaExample[]): string {
  const name = (hash: string) => s.models.find((m) => m.hash === hash)?.name ?? hash;
  const clean = table(
    ['model', 'accuracy', 'AUC (DeLong)', 'sensitivity', 'specificity', 'Dice', 'IoU'],
    Object.entries(s.clean).map(([h, c]) => [name(h), formatInterval(c.accuracy), formatInterval(c.auc), formatInterval(c.sensitivity), formatInterval(c.specificity), formatInterval(c.dice), formatInterval(c.iou)]),
  );
  const attacks = table(
    ['model', 'attack', 'ε', 'steps', 'accuracy', 'AUC', 'success rate', 'SSIM', 'PSNR (dB)', 'Dice', 'detector AUC'],
    s.rows.map((r) => [
      r.model, r.attack, String(r.eps), String(r.steps), formatInterval(r.accuracy), formatInterval(r.auc), formatInterval(r.successRate), formatInterval(r.ssim), formatInterval(r.psnr, 1), formatInterval(r.dice),
      Object.entries(r.detectorAuc).map(([d, v]) => `${d}: ${formatInterval(v)}`).join('; ') || '—',
    ]),
  );
  const defences = s.rows.flatMap((r) => r.defences.map((d) => [r.model, r.attack, String(r.eps), d.defence, formatInterval(d.withDefence), formatInterval(d.change)]));
  const worst = table(['model', 'ε', 'accuracy under every attack', 'worst Dice'], s.worstCase.map((w) => [w.model, String(w.eps), formatInterval(w.accuracy), formatInterval(w.dice)]));
  const exampleHtml = examples
    .map(
      (e) => `<figure><div class="triplet"><img alt="original" src="${png(e.original)}"><img alt="attacked" src="${png(e.attacked)}"><img alt="perturbation" src="${png(e.perturbation)}"></div>
<figcaption>${esc(e.image)}: original | ${esc(e.attack)} ε ${e.eps} on ${esc(e.model)} | perturbation (mid-grey 0, black/white ∓ε)</figcaption></figure>`,
    )
    .join('\n');
  const models = table(['model', 'sha256', 'classes', 'execution provider'], s.models.map((m) => [m.name, m.hash, m.classes.join(', ') || '(segmentation)', m.provider]));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Aegis QA report ${esc(s.sessionId)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}
.chart{display:inline-block;margin:1em 1em 0 0;vertical-align:top}.triplet img{width:256px;height:256px;margin-right:4px;image-rendering:pixelated}code{font-size:12px}</style></head>
<body>
<h1>Aegis QA report</h1>
<p>Session <code>${esc(s.sessionId)}</code>, ${esc(s.createdAt)}, Aegis ${esc(s.appVersion)}. ${s.images} images; ${s.computed} items computed in this run, ${s.reused} reused from earlier runs (${s.reusedImages} images).
Intervals are 95 %: Wilson for proportions, DeLong for AUCs (Newcombe’s score interval at complete separation), seeded percentile bootstrap for means and paired changes. Not a medical device.</p>
<h2>Models</h2>${models}
<h2>Clean performance</h2>${clean}
<h2>Under attack</h2>${attacks}
<h2>Worst case over attacks</h2>${worst}
${defences.length ? `<h2>Defences</h2>${table(['model', 'attack', 'ε', 'defence (on)', 'accuracy or Dice with it', 'paired change'], defences)}` : ''}
<h2>Charts</h2>
${charts.map((c, i) => `<div class="chart" data-chart="${esc(c.id)}">${svgs[i] ?? ''}</div>`).join('\n')}
<h2>Examples</h2>${exampleHtml || '<p>No examples.</p>'}
<h2>Configuration</h2><pre>${esc(JSON.stringify(s.config, null, 2))}</pre>
</body></html>
`;
}

/** One row per item: the per-image CSV (header first). */
export function perImageCsv(results: QaItemResult[], models: QaSummary['models']): string {
  const name = (hash: string) => models.find((m) => m.hash === hash)?.name ?? hash;
  const q = (v: unknown) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const head = ['image', 'model', 'model_hash', 'attack', 'eps', 'seed', 'steps', 'label', 'decision', 'logits', 'success', 'ssim', 'psnr', 'dice', 'iou', 'defences', 'detectors', 'transfer'];
  const rows = results.map((r) =>
    [r.image, name(r.modelHash), r.modelHash, r.attack, r.eps, r.seed, r.steps, r.label, r.decision, r.logits?.join(' '), r.success, r.ssim, r.psnr, r.dice, r.iou,
      JSON.stringify(r.defences), JSON.stringify(r.detectors), JSON.stringify(Object.fromEntries(Object.entries(r.transfer).map(([h, v]) => [name(h), v])))].map(q).join(','),
  );
  return [head.join(','), ...rows].join('\n') + '\n';
}
