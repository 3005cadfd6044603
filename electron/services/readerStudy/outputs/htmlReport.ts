/**
 * A self-contained HTML report of a reader study: no script, no external file or font; the ROC curves
 * and the per-condition bars are inline SVG. Every figure carries its interval and n.
 */
import type { ProportionInterval } from '../../../engine/stats/wilsonInterval';
import type { StudyDesign } from '../../../shared/readerStudyTypes';
import type { PhaseResults, StudyResults } from '../studyResults';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
const prop = (p: ProportionInterval | null) => (p ? `${pct(p.estimate)} (${pct(p.low)}–${pct(p.high)}; ${p.k}/${p.n})` : '—');
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

function rocSvg(p: PhaseResults): string {
  const size = 260;
  const pad = 30;
  const xy = (fpr: number, tpr: number) => `${(pad + fpr * (size - 2 * pad)).toFixed(1)},${(size - pad - tpr * (size - 2 * pad)).toFixed(1)}`;
  const curves = [...p.readers.map((r, i) => ({ name: r.readerId, roc: r.roc, colour: COLOURS[i % COLOURS.length], width: 1.5 })), { name: 'pooled', roc: p.pooled.roc, colour: '#000', width: 2.5 }];
  const lines = curves
    .filter((c) => c.roc.length)
    .map((c) => `<polyline fill="none" stroke="${c.colour}" stroke-width="${c.width}" points="${c.roc.map((q) => xy(q.fpr, q.tpr)).join(' ')}"><title>${esc(c.name)}</title></polyline>`);
  const legend = curves.map((c, i) => `<text x="${size + 5}" y="${pad + 14 * i}" fill="${c.colour}" font-size="11">${esc(c.name)}</text>`);
  return `<svg role="img" aria-label="ROC curves, ${esc(p.label)}" width="${size + 90}" height="${size}" viewBox="0 0 ${size + 90} ${size}">
<rect x="${pad}" y="${pad}" width="${size - 2 * pad}" height="${size - 2 * pad}" fill="none" stroke="#999"/>
<line x1="${pad}" y1="${size - pad}" x2="${size - pad}" y2="${pad}" stroke="#ccc" stroke-dasharray="4 3"/>
<text x="${size / 2}" y="${size - 6}" font-size="11" text-anchor="middle">false-positive rate (clean called manipulated)</text>
<text x="10" y="${size / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 10 ${size / 2})">true-positive rate</text>
${lines.join('\n')}
${legend.join('\n')}</svg>`;
}

function barsSvg(p: PhaseResults): string {
  if (!p.conditions.length) return '';
  const w = 420;
  const rowH = 26;
  const left = 130;
  const x = (v: number) => left + v * (w - left - 20);
  const bars = p.conditions.map((c, i) => {
    const y = 10 + i * rowH;
    const d = c.detection;
    return `<text x="${left - 6}" y="${y + 13}" font-size="11" text-anchor="end">${esc(c.conditionId)}</text>
<rect x="${left}" y="${y + 3}" width="${(x(d.estimate) - left).toFixed(1)}" height="14" fill="#6a9fd4"/>
<line x1="${x(d.low).toFixed(1)}" x2="${x(d.high).toFixed(1)}" y1="${y + 10}" y2="${y + 10}" stroke="#000"/>
<text x="${(x(d.high) + 4).toFixed(1)}" y="${y + 14}" font-size="10">${pct(d.estimate)} (n ${d.n})</text>`;
  });
  return `<svg role="img" aria-label="detection rate per condition" width="${w}" height="${20 + p.conditions.length * rowH}">${bars.join('\n')}</svg>`;
}

function phaseSection(p: PhaseResults): string {
  const rows = [...p.readers.map((r) => [r.readerId, r] as const), ['pooled', p.pooled] as const]
    .map(([name, f]) => `<tr><td>${esc(name)}</td><td>${prop(f.sensitivity)}</td><td>${prop(f.specificity)}</td><td>${prop(f.accuracy)}</td><td>${f.auc ? `${f.auc.auc.toFixed(3)} (${f.auc.low.toFixed(3)}–${f.auc.high.toFixed(3)}; n0 ${f.auc.negatives}, n1 ${f.auc.positives})` : '—'}</td></tr>`)
    .join('\n');
  const ra = p.readerAveragedAuc;
  return `<section><h2>${esc(p.label)} (${p.warned ? 'warned' : 'unwarned'}; ${p.answers} answers)</h2>
<table><thead><tr><th>Reader</th><th>Sensitivity (Wilson 95 % CI; k/n)</th><th>Specificity</th><th>Accuracy</th><th>AUC (DeLong 95 % CI)</th></tr></thead><tbody>
${rows}</tbody></table>
<p>Reader-averaged AUC: ${ra ? `${ra.auc.toFixed(3)} (${ra.lower.toFixed(3)}–${ra.upper.toFixed(3)}), OR random readers and cases, ${ra.readers} readers, df ${ra.df?.toFixed(2)}` : esc(p.readerAveragedNote ?? '—')}</p>
${p.diagnosis ? `<p>Diagnosis correct on clean images: ${prop(p.diagnosis.clean)}; on manipulated images: ${prop(p.diagnosis.manipulated)}</p>` : ''}
${p.localisation ? `<p>Manipulated images found and localised: ${prop(p.localisation)}</p>` : ''}
${p.kappa ? `<p>Fleiss' κ ${p.kappa.kappa.toFixed(3)} (${p.kappa.lower.toFixed(3)}–${p.kappa.upper.toFixed(3)}), ${p.kappa.raters} readers, ${p.kappa.subjects} cases</p>` : ''}
<div class="figs">${rocSvg(p)}${barsSvg(p)}</div></section>`;
}

/** The report's HTML text. */
export function htmlReport(design: StudyDesign, results: StudyResults, generatedAt = new Date()): string {
  const comparisons = results.comparisons
    .map((c) => {
      const d = c.analysis?.rrrc?.differences[0];
      return `<li>${esc(c.phases.join(' − '))}: ${d ? `ΔAUC ${d.estimate.toFixed(3)} (${d.lower.toFixed(3)}–${d.upper.toFixed(3)}), t ${d.statistic.toFixed(2)} on ${d.df?.toFixed(2)} df, p ${d.p.toFixed(4)} (Obuchowski–Rockette, Hillis ddf, jackknife; ${c.analysis!.readers.length} readers, ${c.analysis!.cases[0].n0 + c.analysis!.cases[0].n1} cases)` : esc(c.note ?? '')}</li>`;
    })
    .join('\n');
  const differences = results.differences
    .filter((d) => d.detection)
    .map((d) => `<li>${esc(d.phases[1])} − ${esc(d.phases[0])}: detection rate ${pct(d.detection!.estimate)} (${pct(d.detection!.low)} to ${pct(d.detection!.high)}; ${d.detection!.k1}/${d.detection!.n1} vs ${d.detection!.k2}/${d.detection!.n2}, Newcombe hybrid score)</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(design.name)} — reader study</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}.figs{display:flex;gap:2em;align-items:flex-start}</style>
</head><body>
<h1>${esc(design.name)}</h1>
<p>${design.readers.length} readers; conditions ${esc(design.conditions.map((c) => c.id).join(', '))}; seed ${design.seed}. Generated ${esc(generatedAt.toISOString())} by Aegis. Intervals are 95 %.</p>
${results.phases.map(phaseSection).join('\n')}
${comparisons || differences ? `<section><h2>Comparisons between phases</h2><ul>${differences}${comparisons}</ul></section>` : ''}
</body></html>
`;
}
