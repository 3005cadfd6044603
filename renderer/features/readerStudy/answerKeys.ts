/**
 * The reading screen's keyboard: Y/N manipulated, 1–5 confidence, A, B, C… a diagnosis class,
 * Enter submit, P pause or resume. Pure, so the key map is tested without a page.
 */
import type { ReadingState } from '../../../electron/shared/readerStudyCalls';

/** The answer being given for the case on screen; confidence in 1–5 key steps, null until chosen. */
export interface AnswerDraft {
  manipulated: boolean | null;
  confidenceKey: number | null;
  diagnosis: string | null;
}

/** An empty draft. */
export const EMPTY_DRAFT: AnswerDraft = { manipulated: null, confidenceKey: null, diagnosis: null };

/** What a key press does. */
export type KeyAction = { kind: 'draft'; draft: AnswerDraft } | { kind: 'submit' } | { kind: 'pause' } | null;

/** The letter key of diagnosis class `index` (A, B, C…). */
export function diagnosisKey(index: number): string {
  return String.fromCharCode(65 + index);
}

/** The action of `key` on `draft` for the questions of `state`. */
export function keyAction(key: string, draft: AnswerDraft, state: ReadingState): KeyAction {
  const k = key.length === 1 ? key.toUpperCase() : key;
  if (k === 'Enter') return { kind: 'submit' };
  if (k === 'P') return { kind: 'pause' };
  if (k === 'Y' || k === 'N') return { kind: 'draft', draft: { ...draft, manipulated: k === 'Y' } };
  if (/^[1-5]$/.test(k)) return { kind: 'draft', draft: { ...draft, confidenceKey: Number(k) } };
  const classes = state.questions.diagnosisClasses;
  const i = classes.findIndex((_, j) => diagnosisKey(j) === k);
  return i >= 0 ? { kind: 'draft', draft: { ...draft, diagnosis: classes[i]! } } : null;
}

/** Confidence on the study's scale from a 1–5 key: itself on the 5-point scale, 0/25/50/75/100 on 0–100. */
export function confidenceValue(keyValue: number, state: ReadingState): number {
  return state.questions.confidenceScale === '5-point' ? keyValue : (keyValue - 1) * 25;
}

/** What the draft still lacks before it may be submitted (empty = complete). */
export function missingAnswers(draft: AnswerDraft, state: ReadingState): string[] {
  const warned = state.phase?.warned ?? true;
  const missing: string[] = [];
  if (warned && draft.manipulated === null) missing.push('manipulated? (Y/N)');
  if (warned && draft.confidenceKey === null) missing.push('confidence (1–5)');
  if (state.questions.diagnosisClasses.length > 0 && draft.diagnosis === null) missing.push('diagnosis');
  return missing;
}
