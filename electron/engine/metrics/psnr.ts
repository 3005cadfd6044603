/**
 * Peak signal-to-noise ratio in decibels, 10·log10(R² / MSE), with R the stated data range
 * (as scikit-image's `peak_signal_noise_ratio(a, b, data_range=R)`). Identical images give +Infinity.
 */
export function psnr(a: ArrayLike<number>, b: ArrayLike<number>, dataRange: number): number {
  if (a.length !== b.length) throw new Error(`PSNR: images differ in size (${a.length} and ${b.length} values)`);
  if (a.length === 0) throw new Error('PSNR: images are empty');
  if (!(dataRange > 0)) throw new Error(`PSNR: data range must be positive, got ${dataRange}`);
  let se = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    se += d * d;
  }
  const mse = se / a.length;
  return mse === 0 ? Infinity : 10 * Math.log10((dataRange * dataRange) / mse);
}
