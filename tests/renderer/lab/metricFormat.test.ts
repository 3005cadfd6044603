import { describe, expect, it } from 'vitest';
import { formatNumber, formatProbability, formatPsnr, metricRows } from '../../../renderer/components/metricFormat';

describe('metric formatting', () => {
  it('keeps significant digits and never prints a non-zero value as 0', () => {
    expect(formatNumber(0.0200001)).toBe('0.02');
    expect(formatNumber(40)).toBe('40');
    expect(formatNumber(1234.5678, 4)).toBe('1235');
    expect(formatNumber(0.00002)).toBe('2.00e−5');
    expect(formatNumber(-0.5)).toBe('−0.5');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Infinity)).toBe('∞');
  });
  it('formats probabilities and PSNR', () => {
    expect(formatProbability(0.8734)).toBe('87.3 %');
    expect(formatProbability(0.0001)).toBe('<0.1 %');
    expect(formatProbability(0.99999)).toBe('>99.9 %');
    expect(formatProbability(1)).toBe('100.0 %');
    expect(formatPsnr(41.234)).toBe('41.23 dB');
    expect(formatPsnr(Infinity)).toBe('∞ (identical)');
    expect(formatPsnr(null)).toBe('—');
  });
  it('puts stored and normalised norms side by side, with L0 when present', () => {
    const rows = metricRows({ norms: { stored: { linf: 40, l2: 512.3, l0: 900 }, normalised: { linf: 0.02, l2: 0.25615, l0: 900 } }, ssim: 0.98765, psnr: 38.2, dataRange: 2000 });
    expect(rows.map((r) => [r.name, r.stored, r.normalised])).toEqual([
      ['L∞', '40', '0.02'],
      ['L2', '512', '0.256'],
      ['L0 (values changed)', '900', '900'],
      ['SSIM', '0.9877', '0.9877'],
      ['PSNR', '38.20 dB', '38.20 dB'],
      ['Data range', '2000 per unit', '1'],
    ]);
    expect(metricRows({ norms: { stored: { linf: 1, l2: 1 }, normalised: { linf: 1, l2: 1 } }, ssim: null, psnr: null, dataRange: 1 }).map((r) => r.name)).not.toContain('L0 (values changed)');
  });
});
