import type { MrmcDataset } from '../../engine/stats/mrmc';
import type { StudyAnswer, StudyCase, StudyDesign } from '../../shared/readerStudyTypes';

/**
 * One ordinal "suspicion" rating from the yes/no answer and its confidence, for ROC analysis:
 * 5-point scale → no/5 = 1 … no/1 = 5, yes/1 = 6 … yes/5 = 10; 0–100 scale → no = 100 − c,
 * yes = 100 + c (a 0-confidence yes and no tie at 100). An unanswered flag (unwarned phase) counts as
 * the least suspicious rating.
 */
export function suspicionRating(answer: Pick<StudyAnswer, 'manipulated' | 'confidence'>, scale: StudyDesign['questions']['confidenceScale']): number {
  const c = answer.confidence ?? 0;
  if (scale === '5-point') {
    if (answer.manipulated === null) return 0;
    return answer.manipulated ? 5 + c : 6 - c;
  }
  if (answer.manipulated === null) return -1;
  return answer.manipulated ? 100 + c : 100 - c;
}

/**
 * The ratings of the given phases as an iMRMC dataset: modality = phase id, truth 1 = manipulated,
 * case ids as in the study. Only `cases` are included (e.g. clean plus one condition).
 */
export function ratingsDataset(
  design: StudyDesign,
  cases: readonly StudyCase[],
  answers: readonly (StudyAnswer & { readerId: string })[],
  phaseIds: readonly string[],
): MrmcDataset {
  const ids = new Set(cases.map((c) => c.caseId));
  const chosen = answers.filter((a) => phaseIds.includes(a.phaseId) && ids.has(a.caseId));
  const readers = design.readers.map((r) => r.id).filter((id) => chosen.some((a) => a.readerId === id));
  return {
    header: [`Aegis reader study "${design.name}"`, `Modalities are phases: ${phaseIds.join(', ')}; truth 1 = manipulated image`],
    cases: cases.map((c) => ({ id: c.caseId, truth: c.truth })),
    readers,
    modalities: phaseIds.filter((p) => chosen.some((a) => a.phaseId === p)),
    scores: chosen.map((a) => ({ reader: a.readerId, caseId: a.caseId, modality: a.phaseId, score: suspicionRating(a, design.questions.confidenceScale) })),
  };
}
