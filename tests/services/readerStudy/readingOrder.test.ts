import { describe, expect, it } from 'vitest';
import { designCases } from '../../../electron/services/readerStudy/designCases';
import { readerSeed, readingOrder } from '../../../electron/services/readerStudy/readingOrder';
import { testDesign } from './studyDesigns';

describe('study cases and reading orders', () => {
  it('expands sources × conditions with integer ids, rotating when a source appears in fewer conditions', () => {
    const all = designCases(testDesign(6));
    expect(all.map((c) => c.caseId)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(all.filter((c) => c.truth === 0)).toHaveLength(6);
    const one = designCases(testDesign(6, { conditionsPerSource: 1 }));
    expect(one).toHaveLength(6);
    const perCondition = ['clean', 'pgd-0.02', 'fgsm-0.02'].map((id) => one.filter((c) => c.conditionId === id).length);
    expect(perCondition).toEqual([2, 2, 2]);
    expect(() => designCases(testDesign(2, { conditionsPerSource: 4 }))).toThrow(/only 3/);
  });

  it('is reproducible per reader, differs between readers, never shows two versions of a source back to back', () => {
    const cases = designCases(testDesign(8));
    const seedA = readerSeed(42, 'r1', 'warned');
    expect(readingOrder(cases, 0, seedA, true)).toEqual(readingOrder(cases, 0, seedA, true));
    expect(readerSeed(42, 'r2', 'warned')).not.toBe(seedA);
    const orders = Array.from({ length: 30 }, (_, r) => readingOrder(cases, r, readerSeed(42, `r${r}`, 'warned'), true));
    expect(orders[0]).not.toEqual(orders[1]);
    const source = new Map(cases.map((c) => [c.caseId, c.sourceImageId]));
    for (const o of orders) {
      expect([...o].sort((a, b) => a - b)).toEqual(cases.map((c) => c.caseId));
      for (let i = 1; i < o.length; i++) expect(source.get(o[i])).not.toBe(source.get(o[i - 1]));
    }
  });

  it('counterbalances: over readers each condition is seen first for a source equally often', () => {
    const cases = designCases(testDesign(6));
    const cond = new Map(cases.map((c) => [c.caseId, c.conditionId]));
    const source = new Map(cases.map((c) => [c.caseId, c.sourceImageId]));
    const firstSeen: Record<string, number> = { clean: 0, 'pgd-0.02': 0, 'fgsm-0.02': 0 };
    for (let r = 0; r < 3; r++) {
      const seen = new Set<string>();
      for (const id of readingOrder(cases, r, readerSeed(7, `x${r}`, 'p'), true)) {
        if (seen.has(source.get(id)!)) continue;
        seen.add(source.get(id)!);
        firstSeen[cond.get(id)!]++;
      }
    }
    expect(firstSeen).toEqual({ clean: 6, 'pgd-0.02': 6, 'fgsm-0.02': 6 });
  });

  it('one version per source per reader when two are not allowed, rotated over readers', () => {
    const cases = designCases(testDesign(6));
    const source = new Map(cases.map((c) => [c.caseId, c.sourceImageId]));
    const o0 = readingOrder(cases, 0, 1, false);
    const o1 = readingOrder(cases, 1, 1, false);
    expect(new Set(o0.map((id) => source.get(id))).size).toBe(6);
    expect(o0).toHaveLength(6);
    expect(new Set(o0)).not.toEqual(new Set(o1));
  });
});
