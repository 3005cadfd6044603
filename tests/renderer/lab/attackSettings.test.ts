import { describe, expect, it } from 'vitest';
import { attackPresets } from '../../../electron/shared/attackCatalogue';
import type { AttackParams, AttackPreset, AttackRecord } from '../../../electron/shared/labTypes';
import { describeRun } from '../../../renderer/components/describeRun';
import { budgetWarning, paramsForMethod, paramsForNorm, presetParams } from '../../../renderer/features/attack/attackSettings';

const preset = (id: string) => attackPresets().find((p) => p.id === id) as unknown as AttackPreset;

describe('attack settings never leak between runs (issue 19 item 4)', () => {
  it('a preset sets every field: the C&W preset does not keep PGD\'s step size as its learning rate', () => {
    const pgd = presetParams(preset('pgd-0.02'));
    expect(pgd.alpha).toBe(0.005);
    const targeted: AttackParams = { ...pgd, targetClass: 1 };
    const cw = presetParams(preset('cw-l2'));
    expect({ ...targeted, ...cw }).toEqual(cw); // applying it replaces everything
    expect(cw).toMatchObject({ method: 'cw', norm: 'l2', eps: 0, steps: 100, alpha: undefined, targetClass: undefined });
  });

  it('switching method or norm resets eps, steps and step size to that choice\'s defaults', () => {
    const pgd: AttackParams = { method: 'pgd', eps: 0.02, norm: 'linf', steps: 40, alpha: 0.005, seed: 3 };
    expect(paramsForNorm(pgd, 'l2')).toMatchObject({ norm: 'l2', eps: 1, alpha: undefined, seed: 3 });
    expect(paramsForMethod(pgd, 'fgsm')).toMatchObject({ method: 'fgsm', norm: 'linf', eps: 0.02, steps: 1, alpha: undefined });
    expect(paramsForMethod({ ...pgd, norm: 'linf' }, 'cw')).toMatchObject({ method: 'cw', norm: 'l2', eps: 0, alpha: undefined });
  });

  it('warns that an L2 eps of 0.02 cannot change a 256×256 image, and stays quiet for a sensible one', () => {
    const l2: AttackParams = { method: 'pgd', eps: 0.02, norm: 'l2', steps: 10, seed: 0 };
    expect(budgetWarning(l2, 256 * 256)).toMatch(/L2 budget of 0.02 spreads over all 65,536 pixels.*cannot change the image/);
    expect(budgetWarning({ ...l2, eps: 2 }, 256 * 256)).toBeNull();
    expect(budgetWarning({ ...l2, norm: 'linf' }, 256 * 256)).toBeNull();
  });

  it('result headers say what ran, not what was asked', () => {
    const base = { classes: ['a', 'b'], norms: { stored: { linf: 3, l2: 40 }, normalised: { linf: 0.02, l2: 0.84 } } };
    const fgsm = { ...base, params: { method: 'fgsm', eps: 0.02, norm: 'linf', steps: 10, seed: 0 } } as unknown as AttackRecord;
    expect(describeRun(fgsm)).toBe('FGSM L∞ eps 0.02, one step, seed 0');
    const cw = { ...base, params: { method: 'cw', eps: 0, norm: 'l2', steps: 100, seed: 0 } } as unknown as AttackRecord;
    expect(describeRun(cw)).toBe('C&W-L2 minimum norm (L2 0.84 needed), 100 steps, seed 0');
  });
});
