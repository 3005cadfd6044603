/**
 * Formatting of the compare view's numbers: perturbation norms in stored and normalised units,
 * SSIM, PSNR (dB) and probabilities, as rows a table can show without rounding anything to a lie
 * (a non-zero value never prints as 0, an infinite PSNR prints as "∞ (identical)").
 */
import type { AttackRecord } from '../../electron/shared/labTypes';

/** A number with `digits` significant digits; tiny non-zero values in exponent form; "—" for null. */
export function formatNumber(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const text = a < 1e-3 || a >= 1e6 ? v.toExponential(digits - 1) : Number(v.toPrecision(digits)).toString();
  return text.replace('-', '−');
}

/** A probability in [0, 1] as a percentage with one decimal ("<0.1 %" for small non-zero values). */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p > 0 && p < 0.0005) return '<0.1 %';
  if (p < 1 && p > 0.9995) return '>99.9 %';
  return `${(p * 100).toFixed(1)} %`;
}

/** PSNR in dB; identical images have an infinite PSNR. */
export function formatPsnr(db: number | null): string {
  if (db === null) return '—';
  if (!Number.isFinite(db)) return '∞ (identical)';
  return `${db.toFixed(2)} dB`;
}

/** One row of the metrics table. */
export interface MetricRow {
  name: string;
  stored: string;
  normalised: string;
}

/**
 * The metrics table of an attack: L∞ and L2 of the perturbation in stored pixel values and in
 * normalised units (stored ÷ `dataRange`), SSIM and PSNR (one normalised unit as the data range,
 * so the same in both columns), and L0 (changed pixels) when the back end reports it.
 */
export function metricRows(record: Pick<AttackRecord, 'norms' | 'ssim' | 'psnr' | 'dataRange'>): MetricRow[] {
  const { stored, normalised } = record.norms;
  const rows: MetricRow[] = [
    { name: 'L∞', stored: formatNumber(stored.linf), normalised: formatNumber(normalised.linf) },
    { name: 'L2', stored: formatNumber(stored.l2), normalised: formatNumber(normalised.l2) },
  ];
  if (stored.l0 !== undefined) rows.push({ name: 'L0 (values changed)', stored: formatNumber(stored.l0, 6), normalised: formatNumber(normalised.l0 ?? stored.l0, 6) });
  rows.push({ name: 'SSIM', stored: formatNumber(record.ssim, 4), normalised: formatNumber(record.ssim, 4) });
  rows.push({ name: 'PSNR', stored: formatPsnr(record.psnr), normalised: formatPsnr(record.psnr) });
  rows.push({ name: 'Data range', stored: `${formatNumber(record.dataRange, 6)} per unit`, normalised: '1' });
  return rows;
}
