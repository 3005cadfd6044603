/** MRMC analysis of AUC: the entry to this folder (iMRMC files in, Obuchowski–Rockette analysis out). */
import { aucCovariance, type CovarianceMethod } from './aucCovariance';
import type { MrmcDataset } from './imrmcFile';
import { buildMrmcDesign } from './mrmcDesign';
import { orAnalysis, type OrAnalysis } from './orAnalysis';

export { parseImrmc, formatImrmc, ImrmcFormatError, type MrmcDataset, type MrmcScore } from './imrmcFile';
export type { CovarianceMethod } from './aucCovariance';
export type { OrAnalysis, AucDifference, SingleModality, OrComponents, OrAnova } from './orAnalysis';
export type { MrmcDesignKind } from './mrmcDesign';

/**
 * The full OR analysis of a dataset (crossed or nested design detected from the data).
 *
 * @param covariance 'jackknife' (OR-DBM MRMC's default) or 'delong'
 * @param level two-sided confidence level, default 0.95
 */
export function analyseMrmc(data: MrmcDataset, covariance: CovarianceMethod = 'jackknife', level = 0.95): OrAnalysis {
  const design = buildMrmcDesign(data);
  const cases = design.modalities.map((modality, i) => ({ modality, n0: design.caseSets[i].negatives.length, n1: design.caseSets[i].positives.length }));
  return orAnalysis({ ...aucCovariance(design, covariance), design: design.kind, covariance, modalities: design.modalities, readers: design.readers, cases }, level);
}
