// The QA mode's form → 'qa.start' input: budgets parsed, sorted and de-duplicated; what to fix said in plain words.
import { describe, expect, it } from 'vitest';
import { qaStartInputSchema } from '../../electron/shared/qaCalls';
import { INITIAL_QA_FORM, qaStartInput, toggled } from '../../renderer/features/qa/qaForm';

const form = { ...INITIAL_QA_FORM, modelIds: ['bundled:demo-nodule-classifier'] };

describe('qaStartInput', () => {
  it('turns the form into a valid qa.start input', () => {
    const input = qaStartInput({ ...form, eps: '0.02; 0.01 0.02', steps: '3', demoImages: '6' });
    expect(input).toMatchObject({ eps: [0.01, 0.02], steps: 3, data: { kind: 'demo', images: 6 }, attacks: ['pgd'] });
    expect(qaStartInputSchema.safeParse(input).success).toBe(true);
    expect(qaStartInput({ ...form, source: 'folder', dataDir: ' /d ', labels: '/l.csv' }).data).toEqual({ kind: 'folder', dataDir: '/d', labels: '/l.csv' });
  });
  it('says what to fix', () => {
    expect(() => qaStartInput(INITIAL_QA_FORM)).toThrow('Choose at least one model.');
    expect(() => qaStartInput({ ...form, attacks: [] })).toThrow('Choose at least one attack.');
    expect(() => qaStartInput({ ...form, eps: '0.02, 2' })).toThrow(/Budgets must be numbers in \(0, 1\]/);
    expect(() => qaStartInput({ ...form, eps: 'abc' })).toThrow(/Budgets/);
    expect(() => qaStartInput({ ...form, steps: '1.5' })).toThrow(/Steps must be a whole number ≥ 1/);
    expect(() => qaStartInput({ ...form, source: 'folder' })).toThrow(/Type the image folder and the labels CSV/);
  });
  it('toggles checkbox groups without duplicates', () => {
    expect(toggled(['a'], 'a', true)).toEqual(['a']);
    expect(toggled(['a', 'b'], 'a', false)).toEqual(['b']);
  });
});
