// The Reader-study mode's pure parts: the reading keyboard (answers, completeness, confidence
// scales), the design the form builds (valid by the shared schema, clear errors), and the clean bar.
import { describe, expect, it } from 'vitest';
import type { PhaseResultsView, ReadingState } from '../../../electron/shared/readerStudyCalls';
import { confidenceValue, EMPTY_DRAFT, keyAction, missingAnswers } from '../../../renderer/features/readerStudy/answerKeys';
import { buildDesign, parseReaders, STUDY_ATTACKS, type DesignFormValues } from '../../../renderer/features/readerStudy/designForm';
import { conditionBars } from '../../../renderer/features/readerStudy/resultCharts';

const state = (over: Partial<ReadingState> = {}): ReadingState => ({
  phase: { id: 'warned', label: 'Warned', kind: 'test', warned: true, caseSet: 'test' },
  caseId: 3,
  imageId: 'aegis:x:0',
  answered: 2,
  total: 9,
  questions: { confidenceScale: '5-point', diagnosisClasses: ['normal', 'nodule'], marks: { enabled: false, radiusPx: 5 }, freeText: false },
  toolsAllowed: true,
  allowGoBack: false,
  feedback: null,
  ...over,
});

describe('reading keys', () => {
  it('Y/N, 1–5, letters for classes, Enter and P', () => {
    const s = state();
    expect(keyAction('y', EMPTY_DRAFT, s)).toEqual({ kind: 'draft', draft: { ...EMPTY_DRAFT, manipulated: true } });
    expect(keyAction('N', EMPTY_DRAFT, s)).toEqual({ kind: 'draft', draft: { ...EMPTY_DRAFT, manipulated: false } });
    expect(keyAction('4', EMPTY_DRAFT, s)).toEqual({ kind: 'draft', draft: { ...EMPTY_DRAFT, confidenceKey: 4 } });
    expect(keyAction('b', EMPTY_DRAFT, s)).toEqual({ kind: 'draft', draft: { ...EMPTY_DRAFT, diagnosis: 'nodule' } });
    expect(keyAction('c', EMPTY_DRAFT, s)).toBeNull();
    expect(keyAction('6', EMPTY_DRAFT, s)).toBeNull();
    expect(keyAction('Enter', EMPTY_DRAFT, s)).toEqual({ kind: 'submit' });
    expect(keyAction('p', EMPTY_DRAFT, s)).toEqual({ kind: 'pause' });
  });

  it('a warned case needs manipulated, confidence and diagnosis; an unwarned one only the diagnosis', () => {
    const s = state();
    expect(missingAnswers(EMPTY_DRAFT, s)).toHaveLength(3);
    expect(missingAnswers({ manipulated: false, confidenceKey: 2, diagnosis: 'normal' }, s)).toEqual([]);
    const unwarned = state({ phase: { id: 'u', label: 'Unwarned', kind: 'test', warned: false, caseSet: 'test' } });
    expect(missingAnswers({ ...EMPTY_DRAFT, diagnosis: 'normal' }, unwarned)).toEqual([]);
  });

  it('confidence keys map onto the study scale', () => {
    expect(confidenceValue(5, state())).toBe(5);
    const pct = state({ questions: { ...state().questions, confidenceScale: '0-100' } });
    expect([1, 2, 3, 4, 5].map((k) => confidenceValue(k, pct))).toEqual([0, 25, 50, 75, 100]);
  });
});

const form = (over: Partial<DesignFormValues> = {}): DesignFormValues => ({
  name: 'Spot the fakes',
  sources: ['aegis:a:0', 'aegis:b:0'],
  attacks: [{ method: 'pgd', eps: 0.02 }, { method: 'fgsm', eps: 0.01 }],
  readers: 'r1, r2 r1',
  seed: 7,
  modelId: 'bundled:demo-nodule-classifier',
  diagnosisClasses: [],
  unwarnedFirst: false,
  ...over,
});

describe('design form', () => {
  it('builds clean plus each attack, deduplicated readers, one warned phase (two with unwarned first)', () => {
    const d = buildDesign(form());
    expect(d.conditions.map((c) => c.id)).toEqual(['clean', 'pgd-0.02', 'fgsm-0.01']);
    expect(d.conditionsPerSource).toBe(3);
    expect(d.readers.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(d.phases.map((p) => p.warned)).toEqual([true]);
    expect(buildDesign(form({ unwarnedFirst: true })).phases.map((p) => p.warned)).toEqual([false, true]);
    expect(parseReaders(' a,b ,,c ')).toEqual(['a', 'b', 'c']);
  });

  it('refuses an empty or invalid design in plain words', () => {
    expect(() => buildDesign(form({ sources: [] }))).toThrow('Choose at least one source image.');
    expect(() => buildDesign(form({ attacks: [] }))).toThrow('besides clean');
    expect(() => buildDesign(form({ readers: ' ' }))).toThrow('at least one reader');
    expect(() => buildDesign(form({ readers: 'bad id!' }))).toThrow(/readers/);
  });

  it('offers gradient attacks bounded by eps, PGD and FGSM among them', () => {
    const ids = STUDY_ATTACKS.map((a) => a.id);
    expect(ids).toContain('pgd');
    expect(ids).toContain('fgsm');
    expect(STUDY_ATTACKS.every((a) => a.epsBounded)).toBe(true);
  });
});

describe('condition bars', () => {
  it('puts clean first as false alarms: 1 − pooled specificity, interval mirrored, k = n − specific', () => {
    const phase = {
      pooled: { specificity: { estimate: 0.75, low: 0.4, high: 0.9, k: 6, n: 8 } },
      conditions: [{ conditionId: 'pgd-0.02', detection: { estimate: 0.5, low: 0.2, high: 0.8, k: 4, n: 8 } }],
    } as unknown as PhaseResultsView;
    const bars = conditionBars(phase);
    expect(bars.map((b) => b.conditionId)).toEqual(['clean', 'pgd-0.02']);
    expect(bars[0]!.detection.estimate).toBeCloseTo(0.25, 12);
    expect(bars[0]!.detection.low).toBeCloseTo(0.1, 12);
    expect(bars[0]!.detection.high).toBeCloseTo(0.6, 12);
    expect([bars[0]!.detection.k, bars[0]!.detection.n]).toEqual([2, 8]);
  });
});
