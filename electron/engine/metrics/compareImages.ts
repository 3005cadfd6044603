import { perturbationNorms, type PerturbationNorms } from './norms';
import { psnr } from './psnr';
import { ssim } from './ssim';

/** Everything Aegis reports about how far an attacked image is from its original. */
export interface ImageComparison extends PerturbationNorms {
  /** SSIM over the stated data range (dimensionless). */
  ssim: number;
  /** PSNR in dB over the stated data range (+Infinity when identical). */
  psnr: number;
  /** The data range used for SSIM and PSNR, in the images' units. */
  dataRange: number;
}

/**
 * Norms, SSIM and PSNR of `b` against `a` (row-major grayscale, same units). `dataRange` is the
 * range used for SSIM/PSNR and the unit range of the normalised norms. SSIM is NaN for images
 * smaller than its 11×11 window.
 */
export function compareImages(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  width: number,
  height: number,
  dataRange: number,
): ImageComparison {
  const norms = perturbationNorms(a, b, dataRange);
  const small = width < 11 || height < 11;
  return {
    ...norms,
    ssim: small ? NaN : ssim(a, b, { width, height, dataRange }).mssim,
    psnr: psnr(a, b, dataRange),
    dataRange,
  };
}
