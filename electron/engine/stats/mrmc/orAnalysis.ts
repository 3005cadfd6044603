import { fSf, chiSquareSf, normalQuantile, normalSf, studentTQuantile, studentTSf } from '../distributions';
import type { AucCovariance, CovarianceMethod } from './aucCovariance';
import type { MrmcDesignKind } from './mrmcDesign';

/** OR error-covariance components and the random-effect variances (Obuchowski & Rockette 1995). Units: AUC². */
export interface OrComponents {
  /** Mean case-sampling variance of one AUC. */
  var: number;
  /** Mean covariance: same reader, different modalities. */
  cov1: number;
  /** Mean covariance: different readers, same modality. */
  cov2: number;
  /** Mean covariance: different readers, different modalities. */
  cov3: number;
  /** Reader and treatment × reader variance components (method of moments; may be negative). */
  varR: number;
  varTR: number;
  /** Correlations Cov/Var. */
  rho1: number;
  rho2: number;
  rho3: number;
}

/** Mean squares of the modality × reader AUC table. */
export interface OrAnova {
  msT: number;
  msR: number;
  msTR: number;
  dfT: number;
  dfR: number;
  dfTR: number;
}

/** A difference of reader-averaged AUCs (modality a − modality b) with its test and interval. */
export interface AucDifference {
  a: string;
  b: string;
  estimate: number;
  se: number;
  /** t (with df) or z (df null). */
  statistic: number;
  df: number | null;
  /** Two-sided p-value. */
  p: number;
  lower: number;
  upper: number;
}

/** A modality's reader-averaged AUC with its interval. */
export interface SingleModality {
  modality: string;
  auc: number;
  se: number;
  /** t degrees of freedom; null = normal. */
  df: number | null;
  lower: number;
  upper: number;
}

/** Random readers, random cases: OR with Hillis (2007) denominator degrees of freedom. */
export interface RrrcResult {
  f: number;
  df1: number;
  ddf: number;
  p: number;
  /** MS(T×R) + r·max(Cov2 − Cov3, 0), the F denominator. */
  errorMs: number;
  differences: AucDifference[];
  single: SingleModality[];
}

/** Fixed readers, random cases: χ² test on the OR error variance. */
export interface FrrcResult {
  chiSquare: number;
  df: number;
  p: number;
  /** Var − Cov1 + (r − 1)·max(Cov2 − Cov3, 0). */
  errorVariance: number;
  differences: AucDifference[];
  single: SingleModality[];
  /** Per reader: modality differences of that reader's AUCs (z tests). */
  perReader: { reader: string; differences: AucDifference[] }[];
}

/** Random readers, fixed cases: F = MS(T)/MS(T×R). */
export interface RrfcResult {
  f: number;
  df1: number;
  df2: number;
  p: number;
  differences: AucDifference[];
  single: SingleModality[];
}

/** The full Obuchowski–Rockette analysis of an MRMC AUC study. */
export interface OrAnalysis {
  design: MrmcDesignKind;
  covariance: CovarianceMethod;
  /** Two-sided confidence level of every interval. */
  level: number;
  modalities: string[];
  readers: string[];
  /** Truth-negative and truth-positive cases per modality. */
  cases: { modality: string; n0: number; n1: number }[];
  readerAuc: { modality: string; reader: string; auc: number }[];
  modalityAuc: { modality: string; auc: number }[];
  anova: OrAnova;
  components: OrComponents;
  /** Null when there is one modality (no comparison) or one reader (RRRC, RRFC). */
  rrrc: RrrcResult | null;
  frrc: FrrcResult | null;
  rrfc: RrfcResult | null;
  /** Single-modality intervals that exist even without a comparison. */
  singleRrrc: SingleModality[] | null;
  singleFrrc: SingleModality[];
  singleRrfc: SingleModality[] | null;
}

const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

function averageCov(cov: number[][], r: number, t: number, pick: (i: number, j: number, i2: number, j2: number) => boolean): number {
  let s = 0;
  let n = 0;
  for (let p = 0; p < t * r; p++) {
    for (let q = 0; q < t * r; q++) {
      if (p !== q && pick(Math.floor(p / r), p % r, Math.floor(q / r), q % r)) {
        s += cov[p][q];
        n++;
      }
    }
  }
  return n ? s / n : 0;
}

function tDifference(a: string, b: string, estimate: number, se: number, df: number | null, level: number): AucDifference {
  const statistic = estimate / se;
  const crit = df === null ? normalQuantile(0.5 + level / 2) : studentTQuantile(0.5 + level / 2, df);
  const p = df === null ? 2 * normalSf(Math.abs(statistic)) : 2 * studentTSf(Math.abs(statistic), df);
  return { a, b, estimate, se, statistic, df, p, lower: estimate - crit * se, upper: estimate + crit * se };
}

function single(modality: string, auc: number, se: number, df: number | null, level: number): SingleModality {
  const crit = df === null ? normalQuantile(0.5 + level / 2) : studentTQuantile(0.5 + level / 2, df);
  return { modality, auc, se, df, lower: auc - crit * se, upper: auc + crit * se };
}

/**
 * Obuchowski–Rockette analysis of reader × modality AUCs: the RRRC test with Hillis' denominator
 * degrees of freedom (Hillis 2007; Hillis, Berbaum & Metz 2008), the FRRC χ² test and the RRFC F test,
 * pairwise differences with confidence intervals, single-modality intervals and per-reader FRRC
 * differences — the quantities OR-DBM MRMC 2.5, RJafroc and MRMCaov report. Cov2 − Cov3 is clamped
 * at 0 as in Hillis (2007). In a nested design Cov1 = Cov3 = 0 by construction.
 *
 * @param level two-sided confidence level, default 0.95
 */
export function orAnalysis(
  input: AucCovariance & { design: MrmcDesignKind; covariance: CovarianceMethod; modalities: string[]; readers: string[]; cases: OrAnalysis['cases'] },
  level = 0.95,
): OrAnalysis {
  const { auc, cov, modalities, readers } = input;
  const t = modalities.length;
  const r = readers.length;
  const rowMean = auc.map(mean);
  const colMean = readers.map((_, j) => mean(auc.map((row) => row[j])));
  const grand = mean(rowMean);
  const dfT = t - 1;
  const dfR = r - 1;
  const dfTR = dfT * dfR;
  const msT = dfT > 0 ? (r * rowMean.reduce((s, m) => s + (m - grand) ** 2, 0)) / dfT : NaN;
  const msR = dfR > 0 ? (t * colMean.reduce((s, m) => s + (m - grand) ** 2, 0)) / dfR : NaN;
  let ssTR = 0;
  for (let i = 0; i < t; i++) for (let j = 0; j < r; j++) ssTR += (auc[i][j] - rowMean[i] - colMean[j] + grand) ** 2;
  const msTR = dfTR > 0 ? ssTR / dfTR : NaN;

  const variance = mean(cov.map((row, p) => row[p]));
  const cov1 = averageCov(cov, r, t, (i, j, i2, j2) => i !== i2 && j === j2);
  const cov2 = averageCov(cov, r, t, (i, j, i2, j2) => i === i2 && j !== j2);
  const cov3 = averageCov(cov, r, t, (i, j, i2, j2) => i !== i2 && j !== j2);
  const components: OrComponents = {
    var: variance,
    cov1,
    cov2,
    cov3,
    varR: (msR - msTR) / t - cov1 + cov3,
    varTR: msTR - variance + cov1 + (cov2 - cov3),
    rho1: cov1 / variance,
    rho2: cov2 / variance,
    rho3: cov3 / variance,
  };
  const clamped = Math.max(cov2 - cov3, 0);
  const pairs: [number, number][] = [];
  for (let i = 0; i < t; i++) for (let i2 = i + 1; i2 < t; i2++) pairs.push([i, i2]);
  const diffs = (se: number, df: number | null) => pairs.map(([i, i2]) => tDifference(modalities[i], modalities[i2], rowMean[i] - rowMean[i2], se, df, level));

  // Single-modality quantities: each modality analysed on its own.
  const perModality = modalities.map((m, i) => {
    const msRi = dfR > 0 ? auc[i].reduce((s, v) => s + (v - rowMean[i]) ** 2, 0) / dfR : NaN;
    const vari = mean(readers.map((_, j) => cov[i * r + j][i * r + j]));
    const cov2i = averageCov(cov, r, t, (a, j, a2, j2) => a === i && a2 === i && j !== j2);
    return { m, i, msRi, vari, cov2i };
  });
  const singleFrrc = perModality.map(({ m, i, vari, cov2i }) => single(m, rowMean[i], Math.sqrt((vari + (r - 1) * Math.max(cov2i, 0)) / r), null, level));
  const singleRrrc =
    r > 1
      ? perModality.map(({ m, i, msRi, cov2i }) => {
          const den = msRi + r * Math.max(cov2i, 0);
          return single(m, rowMean[i], Math.sqrt(den / r), den ** 2 / (msRi ** 2 / dfR), level);
        })
      : null;
  const singleRrfc = r > 1 ? perModality.map(({ m, i, msRi }) => single(m, rowMean[i], Math.sqrt(msRi / r), dfR, level)) : null;

  let rrrc: RrrcResult | null = null;
  let rrfc: RrfcResult | null = null;
  let frrc: FrrcResult | null = null;
  if (t > 1) {
    const errorVariance = variance - cov1 + (r - 1) * clamped;
    const chiSquare = (dfT * msT) / errorVariance;
    frrc = {
      chiSquare,
      df: dfT,
      p: chiSquareSf(chiSquare, dfT),
      errorVariance,
      differences: diffs(Math.sqrt((2 / r) * errorVariance), null),
      single: singleFrrc,
      perReader: readers.map((reader, j) => ({
        reader,
        differences: pairs.map(([i, i2]) => {
          const [p, q] = [i * r + j, i2 * r + j];
          return tDifference(modalities[i], modalities[i2], auc[i][j] - auc[i2][j], Math.sqrt(cov[p][p] + cov[q][q] - 2 * cov[p][q]), null, level);
        }),
      })),
    };
    if (r > 1) {
      const errorMs = msTR + r * clamped;
      const ddf = errorMs ** 2 / (msTR ** 2 / dfTR);
      const f = msT / errorMs;
      rrrc = { f, df1: dfT, ddf, p: fSf(f, dfT, ddf), errorMs, differences: diffs(Math.sqrt((2 / r) * errorMs), ddf), single: singleRrrc ?? [] };
      const fFixed = msT / msTR;
      rrfc = { f: fFixed, df1: dfT, df2: dfTR, p: fSf(fFixed, dfT, dfTR), differences: diffs(Math.sqrt((2 * msTR) / r), dfTR), single: singleRrfc ?? [] };
    }
  }
  return {
    design: input.design,
    covariance: input.covariance,
    level,
    modalities,
    readers,
    cases: input.cases,
    readerAuc: modalities.flatMap((modality, i) => readers.map((reader, j) => ({ modality, reader, auc: auc[i][j] }))),
    modalityAuc: modalities.map((modality, i) => ({ modality, auc: rowMean[i] })),
    anova: { msT, msR, msTR, dfT, dfR, dfTR },
    components,
    rrrc,
    frrc,
    rrfc,
    singleRrrc,
    singleFrrc,
    singleRrfc,
  };
}
