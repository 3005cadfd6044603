import { delongCovariance, structuralComponents, type StructuralComponents } from '../delongCovariance';
import type { MrmcDesign } from './mrmcDesign';

/** How the covariance of the reader × modality AUCs over cases is estimated. */
export type CovarianceMethod = 'jackknife' | 'delong';

/** Empirical AUCs and their case-sampling covariance matrix. */
export interface AucCovariance {
  /** auc[i][j]: empirical (trapezoidal / Wilcoxon) AUC of reader j in modality i. */
  auc: number[][];
  /** cov[i·r + j][i'·r + j']: covariance of two AUCs over case sampling (AUC²); 0 across disjoint case sets. */
  cov: number[][];
}

function leaveOneOut(sc: StructuralComponents): Float64Array {
  const n0 = sc.v01.length;
  const n1 = sc.v10.length;
  const out = new Float64Array(n0 + n1);
  for (let j = 0; j < n0; j++) out[j] = (n0 * sc.auc - sc.v01[j]) / (n0 - 1);
  for (let k = 0; k < n1; k++) out[n0 + k] = (n1 * sc.auc - sc.v10[k]) / (n1 - 1);
  return out;
}

/**
 * AUC of every reader in every modality and their covariance matrix, by the leave-one-case-out
 * jackknife ((K−1)/K · Σ products of deviations, as OR-DBM MRMC and RJafroc) or by DeLong's method.
 * AUCs whose case sets are disjoint (nested design, different modalities) have covariance 0.
 */
export function aucCovariance(design: MrmcDesign, method: CovarianceMethod): AucCovariance {
  const t = design.modalities.length;
  const r = design.readers.length;
  const sc = design.ratings.map((row) => row.map((x) => structuralComponents(x.negatives, x.positives)));
  const jk = method === 'jackknife' ? sc.map((row) => row.map(leaveOneOut)) : [];
  const n = t * r;
  const cov = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const sameCases = (i: number, i2: number) => i === i2 || design.kind === 'crossed';
  for (let p = 0; p < n; p++) {
    for (let q = p; q < n; q++) {
      const [i, j, i2, j2] = [Math.floor(p / r), p % r, Math.floor(q / r), q % r];
      if (!sameCases(i, i2)) continue;
      let c: number;
      if (method === 'delong') c = delongCovariance(sc[i][j], sc[i2][j2]);
      else {
        const a = jk[i][j];
        const b = jk[i2][j2];
        const k = a.length;
        let ma = 0;
        let mb = 0;
        for (let x = 0; x < k; x++) {
          ma += a[x] / k;
          mb += b[x] / k;
        }
        let s = 0;
        for (let x = 0; x < k; x++) s += (a[x] - ma) * (b[x] - mb);
        c = ((k - 1) / k) * s;
      }
      cov[p][q] = c;
      cov[q][p] = c;
    }
  }
  return { auc: sc.map((row) => row.map((x) => x.auc)), cov };
}
