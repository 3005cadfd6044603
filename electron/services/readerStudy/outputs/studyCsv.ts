/**
 * CSV exports of a reader study (RFC 4180: comma-separated, quoted when needed, CRLF line ends):
 * one row per answer, and one row per figure (phase × reader or pooled) with its count, n and interval.
 */
import type { StudyCase, StudyDesign } from '../../../shared/readerStudyTypes';
import type { StoredAnswer } from '../readerStudyStore';
import { suspicionRating } from '../studyRatings';
import type { StudyResults } from '../studyResults';

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (rows: unknown[][]) => `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;

/** One row per answer: who, which phase and case, the truth, the answer, the rating used for ROC, times. */
export function answersCsv(design: StudyDesign, cases: StudyCase[], answers: StoredAnswer[]): string {
  const byId = new Map(cases.map((c) => [c.caseId, c]));
  const rows: unknown[][] = [
    ['reader', 'phase', 'case_id', 'condition', 'truth_manipulated', 'answer_manipulated', 'confidence', 'rating', 'diagnosis', 'truth_diagnosis', 'marks', 'duration_ms', 'interactions', 'free_text', 'answered_at_iso'],
  ];
  for (const a of answers) {
    const c = byId.get(a.caseId)!;
    rows.push([
      a.readerId, a.phaseId, a.caseId, c.conditionId, c.truth, a.manipulated === null ? '' : a.manipulated ? 1 : 0, a.confidence,
      suspicionRating(a, design.questions.confidenceScale), a.diagnosis, c.truthDiagnosis, a.marks.map((m) => `${m.x.toFixed(1)} ${m.y.toFixed(1)}`).join(';'),
      a.durationMs, a.interactions.length, a.freeText, new Date(a.answeredAt).toISOString(),
    ]);
  }
  return csv(rows);
}

/** The figures table: every proportion with k, n and its Wilson interval; every AUC with its interval and n. */
export function figuresCsv(results: StudyResults): string {
  const rows: unknown[][] = [['phase', 'who', 'figure', 'estimate', 'k', 'n', 'ci_lower', 'ci_upper', 'method']];
  for (const p of results.phases) {
    const who = [...p.readers.map((r) => [r.readerId, r] as const), ['pooled', p.pooled] as const];
    for (const [name, f] of who) {
      for (const [label, v] of [['sensitivity', f.sensitivity], ['specificity', f.specificity], ['accuracy', f.accuracy]] as const) {
        if (v) rows.push([p.phaseId, name, label, v.estimate, v.k, v.n, v.low, v.high, 'Wilson 95%']);
      }
      if (f.auc) rows.push([p.phaseId, name, 'auc', f.auc.auc, '', f.auc.negatives + f.auc.positives, f.auc.low, f.auc.high, `DeLong 95% (n0 ${f.auc.negatives}, n1 ${f.auc.positives})`]);
    }
    const ra = p.readerAveragedAuc;
    if (ra) rows.push([p.phaseId, `reader-averaged (${ra.readers} readers)`, 'auc', ra.auc, '', '', ra.lower, ra.upper, `OR random readers/cases 95%, df ${ra.df?.toFixed(2)}`]);
    for (const c of p.conditions) rows.push([p.phaseId, 'pooled', `detected: ${c.conditionId}`, c.detection.estimate, c.detection.k, c.detection.n, c.detection.low, c.detection.high, 'Wilson 95%']);
    if (p.localisation) rows.push([p.phaseId, 'pooled', 'localisation hits', p.localisation.estimate, p.localisation.k, p.localisation.n, p.localisation.low, p.localisation.high, 'Wilson 95%']);
    if (p.kappa) rows.push([p.phaseId, `${p.kappa.raters} readers`, "Fleiss' kappa", p.kappa.kappa, '', p.kappa.subjects, p.kappa.lower, p.kappa.upper, 'jackknife 95%']);
  }
  for (const d of results.differences) {
    for (const [label, v] of [['detection rate difference', d.detection], ['specificity difference', d.specificity]] as const) {
      if (v) rows.push([`${d.phases[1]} − ${d.phases[0]}`, 'pooled', label, v.estimate, `${v.k2}/${v.n2} vs ${v.k1}/${v.n1}`, v.n1 + v.n2, v.low, v.high, 'Newcombe hybrid score 95%']);
    }
  }
  for (const c of results.comparisons) {
    const d = c.analysis?.rrrc?.differences[0];
    if (d) rows.push([`${c.phases[0]} − ${c.phases[1]}`, 'readers', 'AUC difference', d.estimate, '', c.analysis!.cases[0].n0 + c.analysis!.cases[0].n1, d.lower, d.upper, `OR-Hillis RRRC, ddf ${d.df?.toFixed(2)}, p ${d.p.toFixed(4)}`]);
  }
  return csv(rows);
}
