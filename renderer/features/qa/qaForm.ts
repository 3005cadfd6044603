/**
 * The QA mode's session form as plain data, and its translation into a 'qa.start' input with
 * plain-words errors (no React here, so it is testable on its own).
 */
import { DEFAULT_ATTACK_ID, EPS_BOUNDED_ATTACK_IDS } from '../../../electron/shared/attackCatalogue';
import type { QaStartInput } from '../../../electron/shared/qaCalls';
import type { QaDefenceId, QaDetectorId } from '../../../electron/shared/qaTypes';

/** What the form holds: budgets and steps as typed text, so a half-typed value is not lost. */
export interface QaFormState {
  modelIds: string[];
  source: 'demo' | 'folder';
  /** Demo: how many of its images (text; empty = all). */
  demoImages: string;
  dataDir: string;
  labels: string;
  attacks: string[];
  /** Budgets, L∞ in normalised display units, separated by commas or spaces ("0.01, 0.02"). */
  eps: string;
  /** Iterations per attack (text; empty = the catalogue's batch steps). */
  steps: string;
  defences: QaDefenceId[];
  detectors: QaDetectorId[];
}

/** A fresh form: no model yet, the demo study, PGD at 0.01 and 0.02. */
export const INITIAL_QA_FORM: QaFormState = { modelIds: [], source: 'demo', demoImages: '', dataDir: '', labels: '', attacks: [DEFAULT_ATTACK_ID], eps: '0.01, 0.02', steps: '', defences: [], detectors: [] };

/** The attacks a session can sweep (those eps bounds), in catalogue order. */
export const QA_ATTACK_CHOICES: readonly string[] = EPS_BOUNDED_ATTACK_IDS;

/** An integer from typed text, or undefined when empty; throws a plain message otherwise. */
function optionalInt(text: string, what: string, min: number): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new RangeError(`${what} must be a whole number ≥ ${min} (or empty for the default).`);
  return n;
}

/** Toggles `value` in `list` (checkbox groups). */
export function toggled<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
}

/** The 'qa.start' input of the form. @throws RangeError with what to fix. */
export function qaStartInput(f: QaFormState): QaStartInput {
  if (f.modelIds.length === 0) throw new RangeError('Choose at least one model.');
  if (f.attacks.length === 0) throw new RangeError('Choose at least one attack.');
  const eps = f.eps.split(/[\s,;]+/).filter(Boolean).map(Number);
  if (eps.length === 0 || eps.some((e) => !(e > 0 && e <= 1))) throw new RangeError('Budgets must be numbers in (0, 1], e.g. "0.01, 0.02" (L∞ as a fraction of the window).');
  let data: QaStartInput['data'];
  if (f.source === 'demo') data = { kind: 'demo', images: optionalInt(f.demoImages, 'The number of demo images', 2) };
  else {
    if (!f.dataDir.trim() || !f.labels.trim()) throw new RangeError('Type the image folder and the labels CSV (file,label) as absolute paths.');
    data = { kind: 'folder', dataDir: f.dataDir.trim(), labels: f.labels.trim() };
  }
  return { modelIds: f.modelIds, data, attacks: f.attacks as QaStartInput['attacks'], eps: [...new Set(eps)].sort((a, b) => a - b), steps: optionalInt(f.steps, 'Steps', 1), defences: f.defences, detectors: f.detectors };
}
