/**
 * The results' charts drawn on a 2D canvas: ROC curves (per reader thin, pooled thick, chance
 * diagonal) and per-condition detection bars with their 95 % interval whiskers and n. Every label
 * drawn carries its interval and n.
 */
import type { PhaseResultsView } from '../../../electron/shared/readerStudyCalls';

/** Line colours of the readers, in order (pooled is drawn in white). */
export const READER_COLOURS = ['#4fc3f7', '#ffb74d', '#81c784', '#e57373', '#ba68c8', '#fff176', '#4db6ac', '#f06292'];

const MARGIN = { left: 48, right: 12, top: 12, bottom: 36 };

/** "0.812 [0.701, 0.923]" for an estimate and its interval. */
export function withInterval(estimate: number, low: number, high: number): string {
  return `${estimate.toFixed(3)} [${low.toFixed(3)}, ${high.toFixed(3)}]`;
}

function axes(ctx: CanvasRenderingContext2D, w: number, h: number, xLabel: string, yLabel: string): void {
  ctx.fillStyle = '#111';
  ctx.fillRect(0, 0, w, h);
  ctx.strokeStyle = '#888';
  ctx.lineWidth = 1;
  ctx.strokeRect(MARGIN.left, MARGIN.top, w - MARGIN.left - MARGIN.right, h - MARGIN.top - MARGIN.bottom);
  ctx.fillStyle = '#ccc';
  ctx.font = '12px sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText(xLabel, (MARGIN.left + w - MARGIN.right) / 2, h - 6);
  for (const t of [0, 0.5, 1]) {
    ctx.textAlign = 'right';
    ctx.fillText(t.toFixed(1), MARGIN.left - 4, MARGIN.top + (1 - t) * (h - MARGIN.top - MARGIN.bottom) + 4);
  }
  ctx.save();
  ctx.translate(12, (MARGIN.top + h - MARGIN.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText(yLabel, 0, 0);
  ctx.restore();
}

/** Draws ROC curves of `phase` (x = 1 − specificity, y = sensitivity) on `canvas`. */
export function drawRoc(canvas: HTMLCanvasElement, phase: PhaseResultsView): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width: w, height: h } = canvas;
  axes(ctx, w, h, 'False-positive fraction (1 − specificity)', 'Sensitivity');
  const px = (x: number) => MARGIN.left + x * (w - MARGIN.left - MARGIN.right);
  const py = (y: number) => MARGIN.top + (1 - y) * (h - MARGIN.top - MARGIN.bottom);
  ctx.setLineDash([4, 4]);
  ctx.strokeStyle = '#555';
  ctx.beginPath();
  ctx.moveTo(px(0), py(0));
  ctx.lineTo(px(1), py(1));
  ctx.stroke();
  ctx.setLineDash([]);
  const curve = (points: { fpr: number; tpr: number }[], colour: string, width: number) => {
    if (points.length === 0) return;
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.beginPath();
    points.forEach((p, i) => (i === 0 ? ctx.moveTo(px(p.fpr), py(p.tpr)) : ctx.lineTo(px(p.fpr), py(p.tpr))));
    ctx.stroke();
  };
  phase.readers.forEach((r, i) => curve(r.roc, READER_COLOURS[i % READER_COLOURS.length]!, 2));
  curve(phase.pooled.roc, '#ffffff', 4);
}

/** Fill colours of the attack conditions' bars, in order; clean is grey (CLEAN_COLOUR). */
export const CONDITION_COLOURS = ['#e57373', '#ba68c8', '#4db6ac', '#f06292', '#ffb74d', '#aed581'];
/** Fill colour of the clean bar. */
export const CLEAN_COLOUR = '#78909c';

/**
 * Bars of `phase`: clean first (false alarms = 1 − pooled specificity, its interval mirrored), then
 * each attack condition's detection rate. Fractions in [0, 1]; k of n answers.
 */
export function conditionBars(phase: PhaseResultsView): { conditionId: string; detection: { estimate: number; low: number; high: number; k: number; n: number } }[] {
  const spec = phase.pooled.specificity;
  const clean = spec ? [{ conditionId: 'clean', detection: { estimate: 1 - spec.estimate, low: 1 - spec.high, high: 1 - spec.low, k: spec.n - spec.k, n: spec.n } }] : [];
  return [...clean, ...phase.conditions];
}

/** Draws per-condition rates of images called manipulated (clean: false alarms) as bars with 95 % Wilson whiskers and n on `canvas`. */
export function drawConditionBars(canvas: HTMLCanvasElement, phase: PhaseResultsView): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width: w, height: h } = canvas;
  axes(ctx, w, h, 'Condition (rate called manipulated, 95 % CI, n)', 'Rate');
  const items = conditionBars(phase);
  const slot = (w - MARGIN.left - MARGIN.right) / Math.max(items.length, 1);
  const py = (y: number) => MARGIN.top + (1 - y) * (h - MARGIN.top - MARGIN.bottom);
  items.forEach((c, i) => {
    const x0 = MARGIN.left + i * slot + slot * 0.2;
    const bw = slot * 0.6;
    const d = c.detection;
    ctx.fillStyle = c.conditionId === 'clean' ? CLEAN_COLOUR : CONDITION_COLOURS[(i - (items[0]?.conditionId === 'clean' ? 1 : 0)) % CONDITION_COLOURS.length]!;
    ctx.fillRect(x0, py(d.estimate), bw, py(0) - py(d.estimate));
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 2;
    const xm = x0 + bw / 2;
    ctx.beginPath();
    ctx.moveTo(xm, py(d.low));
    ctx.lineTo(xm, py(d.high));
    ctx.moveTo(xm - 6, py(d.low));
    ctx.lineTo(xm + 6, py(d.low));
    ctx.moveTo(xm - 6, py(d.high));
    ctx.lineTo(xm + 6, py(d.high));
    ctx.stroke();
    ctx.fillStyle = '#eee';
    ctx.font = '11px sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText(`${c.conditionId} n=${d.n}`, xm, MARGIN.top + 12);
    ctx.fillText(withInterval(d.estimate, d.low, d.high), xm, MARGIN.top + 26);
  });
}
