/**
 * The statistics of a reader study, each with its interval and n: per reader and pooled sensitivity,
 * specificity and accuracy (Wilson), ROC AUC (DeLong per reader; reader-averaged with the OR
 * random-readers interval), per-condition detection rates, diagnostic accuracy on clean vs
 * manipulated images, localisation hits, Fleiss' kappa, and OR MRMC comparisons between test phases
 * read with the question asked (e.g. before vs after training).
 */
import { deLongAuc, type DeLongAuc } from '../../engine/stats/delong';
import { fleissKappa, type FleissKappa } from '../../engine/stats/fleissKappa';
import { proportionDifference, type ProportionDifference } from '../../engine/stats/proportionDifference';
import { analyseMrmc, type OrAnalysis } from '../../engine/stats/mrmc';
import { rocCurve } from '../../engine/stats/rocCurve';
import { wilsonInterval, type ProportionInterval } from '../../engine/stats/wilsonInterval';
import type { StudyCase, StudyDesign } from '../../shared/readerStudyTypes';
import type { StoredAnswer } from './readerStudyStore';
import { ratingsDataset, suspicionRating } from './studyRatings';

/** Detection figures of one reader (or all readers pooled) in one phase. */
export interface DetectionFigures {
  /** Manipulated images called manipulated (TPR), clean images called clean (TNR), all correct. */
  sensitivity: ProportionInterval | null;
  specificity: ProportionInterval | null;
  accuracy: ProportionInterval | null;
  /** Empirical AUC of the suspicion rating with DeLong's interval; null without both truths. */
  auc: DeLongAuc | null;
  roc: { fpr: number; tpr: number }[];
}

/** One test or training phase's results. */
export interface PhaseResults {
  phaseId: string;
  label: string;
  warned: boolean;
  answers: number;
  readers: ({ readerId: string } & DetectionFigures)[];
  pooled: DetectionFigures;
  /** Reader-averaged AUC with the OR random-readers/random-cases interval (needs ≥ 2 readers reading every case). */
  readerAveragedAuc: { auc: number; se: number; df: number | null; lower: number; upper: number; readers: number } | null;
  /** Why there is no reader-averaged AUC, in words. */
  readerAveragedNote: string | null;
  /** Per manipulation condition: the share of its images called manipulated (pooled over readers). */
  conditions: { conditionId: string; detection: ProportionInterval }[];
  /** Correct diagnoses on clean and on manipulated images (null when no diagnosis is asked). */
  diagnosis: { clean: ProportionInterval | null; manipulated: ProportionInterval | null } | null;
  /** Manipulated images called manipulated with a mark within the radius of a truth point. */
  localisation: ProportionInterval | null;
  /** Agreement of readers on manipulated yes/no over cases all of them read. */
  kappa: FleissKappa | null;
}

/** The whole study's results. */
export interface StudyResults {
  phases: PhaseResults[];
  /**
   * Later − earlier test phase on the same cases (unwarned → warned, before → after training): pooled
   * detection rate and specificity differences with Newcombe's hybrid score interval (the phases are
   * treated as independent samples; the MRMC comparison below accounts for the pairing).
   */
  differences: { phases: [string, string]; detection: ProportionDifference | null; specificity: ProportionDifference | null }[];
  /** OR MRMC analysis comparing every pair of warned test phases over the same cases. */
  comparisons: { phases: [string, string]; analysis: OrAnalysis | null; note: string | null }[];
}

const safe = <T>(f: () => T): T | null => {
  try {
    return f();
  } catch {
    return null;
  }
};

function figures(rows: { answer: StoredAnswer; c: StudyCase }[], design: StudyDesign): DetectionFigures {
  // In an unwarned phase an unflagged image (manipulated null) counts as "not manipulated".
  const called = rows;
  const yes = (r: { answer: StoredAnswer }) => r.answer.manipulated === true;
  const pos = called.filter((r) => r.c.truth === 1);
  const neg = called.filter((r) => r.c.truth === 0);
  const rate = (k: number, n: number) => (n > 0 ? wilsonInterval(k, n) : null);
  const rating = (r: { answer: StoredAnswer }) => suspicionRating(r.answer, design.questions.confidenceScale);
  const correct = pos.filter(yes).length + neg.filter((r) => !yes(r)).length;
  const bothTruths = pos.length > 0 && neg.length > 0;
  return {
    sensitivity: rate(pos.filter(yes).length, pos.length),
    specificity: rate(neg.filter((r) => !yes(r)).length, neg.length),
    accuracy: rate(correct, called.length),
    auc: bothTruths ? safe(() => deLongAuc(neg.map(rating), pos.map(rating))) : null,
    roc: bothTruths ? rocCurve(neg.map(rating), pos.map(rating)) : [],
  };
}

function phaseResults(design: StudyDesign, cases: StudyCase[], answers: StoredAnswer[], phase: StudyDesign['phases'][number]): PhaseResults {
  const byId = new Map(cases.map((c) => [c.caseId, c]));
  const rows = answers.filter((a) => a.phaseId === phase.id).map((answer) => ({ answer, c: byId.get(answer.caseId)! }));
  const readerIds = design.readers.map((r) => r.id).filter((id) => rows.some((r) => r.answer.readerId === id));
  const phaseCases = cases.filter((c) => c.caseSet === phase.caseSet);
  let readerAveragedAuc: PhaseResults['readerAveragedAuc'] = null;
  let readerAveragedNote: string | null = null;
  try {
    const a = analyseMrmc(ratingsDataset(design, phaseCases, answers, [phase.id]));
    const s = a.singleRrrc?.[0];
    if (s) readerAveragedAuc = { auc: s.auc, se: s.se, df: s.df, lower: s.lower, upper: s.upper, readers: a.readers.length };
    else readerAveragedNote = 'one reader: see the reader’s own AUC';
  } catch (err) {
    readerAveragedNote = (err as Error).message;
  }
  const manip = rows.filter((r) => r.c.truth === 1);
  const conditions = [...new Set(phaseCases.filter((c) => c.truth === 1).map((c) => c.conditionId))].map((conditionId) => {
    const rs = manip.filter((r) => r.c.conditionId === conditionId);
    return { conditionId, detection: wilsonInterval(rs.filter((r) => r.answer.manipulated === true).length, rs.length) };
  }).filter((c) => c.detection.n > 0);
  const diagRate = (truth: 0 | 1) => {
    const rs = rows.filter((r) => r.c.truth === truth && r.c.truthDiagnosis !== null);
    return rs.length ? wilsonInterval(rs.filter((r) => r.answer.diagnosis === r.c.truthDiagnosis).length, rs.length) : null;
  };
  const radius = design.questions.marks.radiusPx;
  const locRows = manip.filter((r) => r.c.truthPoints.length > 0);
  const hit = (r: (typeof rows)[number]) =>
    r.answer.manipulated === true && r.answer.marks.some((m) => r.c.truthPoints.some(([x, y]) => Math.hypot(m.x - x, m.y - y) <= radius));
  return {
    phaseId: phase.id,
    label: phase.label,
    warned: phase.warned,
    answers: rows.length,
    readers: readerIds.map((readerId) => ({ readerId, ...figures(rows.filter((r) => r.answer.readerId === readerId), design) })),
    pooled: figures(rows, design),
    readerAveragedAuc,
    readerAveragedNote,
    conditions,
    diagnosis: design.questions.diagnosisClasses.length ? { clean: diagRate(0), manipulated: diagRate(1) } : null,
    localisation: design.questions.marks.enabled && locRows.length ? wilsonInterval(locRows.filter(hit).length, locRows.length) : null,
    kappa: readerIds.length >= 2 ? safe(() => fleissKappa(kappaTable(rows, readerIds))) : null,
  };
}

/** Rows of [no, yes] counts per case read by every reader. */
function kappaTable(rows: { answer: StoredAnswer; c: StudyCase }[], readerIds: string[]): number[][] {
  const byCase = new Map<number, StoredAnswer[]>();
  for (const r of rows) byCase.set(r.c.caseId, [...(byCase.get(r.c.caseId) ?? []), r.answer]);
  return [...byCase.values()].filter((as) => as.length === readerIds.length).map((as) => [as.filter((a) => a.manipulated !== true).length, as.filter((a) => a.manipulated === true).length]);
}

/** Computes every figure of a study from its cases and answers. */
export function studyResults(design: StudyDesign, cases: StudyCase[], answers: StoredAnswer[]): StudyResults {
  const phases = design.phases.map((p) => phaseResults(design, cases, answers, p));
  const warnedTests = design.phases.filter((p) => p.kind === 'test' && p.warned);
  const comparisons: StudyResults['comparisons'] = [];
  for (let i = 0; i < warnedTests.length; i++) {
    for (let j = i + 1; j < warnedTests.length; j++) {
      const [a, b] = [warnedTests[i], warnedTests[j]];
      const set = cases.filter((c) => c.caseSet === a.caseSet);
      try {
        comparisons.push({ phases: [a.id, b.id], analysis: analyseMrmc(ratingsDataset(design, set, answers, [a.id, b.id])), note: null });
      } catch (err) {
        comparisons.push({ phases: [a.id, b.id], analysis: null, note: (err as Error).message });
      }
    }
  }
  const tests = design.phases.filter((p) => p.kind === 'test');
  const differences: StudyResults['differences'] = [];
  const diff = (a: ProportionInterval | null, b: ProportionInterval | null) => (a && b ? proportionDifference(b.k, b.n, a.k, a.n) : null);
  for (let i = 0; i < tests.length; i++) {
    for (let j = i + 1; j < tests.length; j++) {
      if (tests[i].caseSet !== tests[j].caseSet) continue;
      const [a, b] = [phases.find((p) => p.phaseId === tests[i].id)!, phases.find((p) => p.phaseId === tests[j].id)!];
      differences.push({ phases: [a.phaseId, b.phaseId], detection: diff(a.pooled.sensitivity, b.pooled.sensitivity), specificity: diff(a.pooled.specificity, b.pooled.specificity) });
    }
  }
  return { phases, differences, comparisons };
}
