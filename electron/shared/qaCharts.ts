/**
 * The charts of a QA session as Vega-Lite specs (vega-lite 6), built once from a {@link QaSummary}:
 * the HTML report renders them to SVG headless (engine/qa/renderCharts) and the QA mode shows the
 * same SVG, so both places draw the same figure. Every figure from a sample carries its 95 % band
 * and n in the tooltip.
 */
import type { QaInterval, QaSummary } from './qaSummary';

/** One chart: a stable id (file names, test hooks), a title, and its Vega-Lite spec (plain JSON). */
export interface QaChart {
  id: string;
  title: string;
  spec: Record<string, unknown>;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const WIDTH = 360;
const HEIGHT = 220;

type Row = Record<string, string | number>;

function intervalRow(i: QaInterval): Row {
  return { estimate: i.estimate, low: i.low, high: i.high, n: i.n };
}

/** Line over budget with a CI band, one colour per series. */
function curve(id: string, title: string, yTitle: string, values: Row[], yDomain?: [number, number]): QaChart {
  const x = { field: 'eps', type: 'quantitative', title: 'budget ε (L∞, fraction of the window)' };
  const y = { field: 'estimate', type: 'quantitative', title: yTitle, ...(yDomain ? { scale: { domain: yDomain } } : { scale: { zero: false } }) };
  const color = { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 2, labelLimit: 320 } };
  return {
    id,
    title,
    spec: {
      $schema: SCHEMA,
      title,
      width: WIDTH,
      height: HEIGHT,
      data: { values },
      layer: [
        { mark: { type: 'area', opacity: 0.2 }, encoding: { x, y: { field: 'low', type: 'quantitative', title: yTitle }, y2: { field: 'high' }, color } },
        {
          mark: { type: 'line', point: true },
          encoding: {
            x,
            y,
            color,
            tooltip: [{ field: 'series' }, { field: 'eps' }, { field: 'estimate', format: '.3f' }, { field: 'low', format: '.3f' }, { field: 'high', format: '.3f' }, { field: 'n' }],
          },
        },
      ],
    },
  };
}

/** Every chart of the session, in report order (charts with no data are left out). */
export function qaCharts(s: QaSummary): QaChart[] {
  const charts: QaChart[] = [];
  const multi = s.models.length > 1;
  const series = (model: string, what: string) => (multi ? `${model} · ${what}` : what);
  const acc: Row[] = [];
  const dice: Row[] = [];
  for (const m of s.models) {
    const c = s.clean[m.hash];
    const attacks = [...new Set(s.rows.filter((r) => r.model === m.name).map((r) => r.attack))];
    for (const a of attacks) {
      if (c?.accuracy) acc.push({ series: series(m.name, a), eps: 0, ...intervalRow(c.accuracy) });
      if (c?.dice) dice.push({ series: series(m.name, a), eps: 0, ...intervalRow(c.dice) });
    }
  }
  const ssim: Row[] = [];
  const detector: Row[] = [];
  for (const r of s.rows) {
    if (r.accuracy) acc.push({ series: series(r.model, r.attack), eps: r.eps, ...intervalRow(r.accuracy) });
    if (r.dice) dice.push({ series: series(r.model, r.attack), eps: r.eps, ...intervalRow(r.dice) });
    if (r.ssim) ssim.push({ series: series(r.model, r.attack), eps: r.eps, ...intervalRow(r.ssim) });
    for (const [d, v] of Object.entries(r.detectorAuc)) detector.push({ series: series(r.model, `${d} vs ${r.attack}`), eps: r.eps, ...intervalRow(v) });
  }
  for (const w of s.worstCase) if (w.accuracy) acc.push({ series: series(w.model, 'worst case over attacks'), eps: w.eps, ...intervalRow(w.accuracy) });
  if (acc.length) charts.push(curve('accuracy-vs-budget', 'Accuracy vs budget (95 % CI)', 'accuracy', acc, [0, 1]));
  if (dice.length) charts.push(curve('dice-vs-budget', 'Dice vs budget (95 % CI)', 'Dice', dice, [0, 1]));
  if (ssim.length) charts.push(curve('ssim-vs-budget', 'SSIM of the attacked image vs budget (95 % CI)', 'SSIM', ssim));
  if (detector.length) charts.push(curve('detector-auc-vs-budget', 'Detector AUC, clean vs attacked (95 % CI)', 'detector AUC', detector, [0, 1]));
  if (s.roc.length) {
    charts.push({
      id: 'roc',
      title: 'ROC curves: clean and under the largest budget',
      spec: {
        $schema: SCHEMA,
        title: 'ROC curves: clean and under the largest budget',
        data: { values: s.roc },
        facet: { column: { field: 'model', type: 'nominal', title: null } },
        spec: {
          width: 260,
          height: 260,
          layer: [
            { mark: { type: 'rule', strokeDash: [4, 4], color: '#999' }, encoding: { x: { datum: 0 }, y: { datum: 0 }, x2: { datum: 1 }, y2: { datum: 1 } } },
            {
              mark: { type: 'line', interpolate: 'step-after' },
              encoding: {
                x: { field: 'fpr', type: 'quantitative', title: '1 − specificity', scale: { domain: [0, 1] } },
                y: { field: 'tpr', type: 'quantitative', title: 'sensitivity', scale: { domain: [0, 1] } },
                color: { field: 'condition', type: 'nominal', title: null },
                order: { field: 'fpr' },
              },
            },
          ],
        },
      },
    });
  }
  if (s.transfer.length && s.models.length > 1) {
    const values = s.transfer.map((t) => ({ condition: `${t.attack} ε ${t.eps}`, surrogate: t.surrogate, target: t.target, ...intervalRow(t.accuracy) }));
    charts.push({
      id: 'transfer',
      title: 'Transfer: accuracy of each target on images attacked on each surrogate',
      spec: {
        $schema: SCHEMA,
        title: 'Transfer: accuracy of the target on images attacked on the surrogate',
        data: { values },
        facet: { column: { field: 'condition', type: 'nominal', title: null } },
        spec: {
          width: 70 * s.models.length,
          height: 70 * s.models.length,
          encoding: { x: { field: 'target', type: 'nominal', title: 'target' }, y: { field: 'surrogate', type: 'nominal', title: 'surrogate (crafted on)' } },
          layer: [
            { mark: 'rect', encoding: { color: { field: 'estimate', type: 'quantitative', title: 'accuracy', scale: { domain: [0, 1], scheme: 'redyellowgreen' } } } },
            { mark: { type: 'text', fontSize: 10 }, encoding: { text: { field: 'estimate', type: 'quantitative', format: '.2f' } } },
          ],
        },
      },
    });
  }
  if (s.margins.length) {
    const values = s.margins.map((b) => ({ model: b.model, budget: b.eps === null ? 'not flipped' : `≤ ${b.eps}`, order: b.eps ?? 2, fraction: b.n ? b.count / b.n : 0, count: b.count, n: b.n }));
    charts.push({
      id: 'margins',
      title: 'Robustness margin: smallest budget that flipped each image (right when clean)',
      spec: {
        $schema: SCHEMA,
        title: 'Robustness margin: smallest budget that flipped each image',
        width: WIDTH,
        height: HEIGHT,
        data: { values },
        mark: 'bar',
        encoding: {
          x: { field: 'budget', type: 'ordinal', sort: { field: 'order' }, title: 'smallest flipping budget' },
          xOffset: { field: 'model' },
          y: { field: 'fraction', type: 'quantitative', title: 'fraction of images', scale: { domain: [0, 1] } },
          color: { field: 'model', type: 'nominal', title: null },
          tooltip: [{ field: 'model' }, { field: 'budget' }, { field: 'count' }, { field: 'n' }],
        },
      },
    });
  }
  return charts;
}
