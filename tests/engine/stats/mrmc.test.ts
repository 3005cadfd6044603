// The Obuchowski–Rockette MRMC analysis against the published OR-DBM MRMC 2.51 output for Van Dyke 1993
// and Franken 1992 (fixtures/*.README.md, copied from ../shared/data), plus the nested (cases within modalities) design.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseMrmc, parseImrmc, type MrmcDataset, type OrAnalysis } from '../../../electron/engine/stats/mrmc';
import { rocAuc } from '../../../electron/engine/stats/rocAuc';

const load = (name: string) => parseImrmc(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8'), name);
const vanDyke = load('VanDyke.imrmc');
const franken = load('Franken.imrmc');

/** Asserts |actual − printed| ≤ half a unit in the printed value's last decimal. */
function printed(actual: number, text: string): void {
  const decimals = (text.split('.')[1] ?? '').length;
  expect(Math.abs(actual - Number(text)), `${actual} vs printed ${text}`).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-15);
}

describe('OR analysis of Van Dyke 1993 (jackknife, Hillis ddf)', () => {
  const a = analyseMrmc(vanDyke);
  it('reader and modality AUCs to 1e-6', () => {
    const published = [
      [0.91964573, 0.85877617, 0.90386473, 0.97310789, 0.82979066],
      [0.94782609, 0.90531401, 0.92173913, 0.99935588, 0.92995169],
    ];
    expect(a.design).toBe('crossed');
    expect(a.cases).toEqual([{ modality: '0', n0: 69, n1: 45 }, { modality: '1', n0: 69, n1: 45 }]);
    a.readerAuc.forEach((x, k) => expect(Math.abs(x.auc - published[Math.floor(k / 5)][k % 5])).toBeLessThan(1e-6));
    expect(Math.abs(a.modalityAuc[0].auc - 0.89703704)).toBeLessThan(1e-6);
    expect(Math.abs(a.modalityAuc[1].auc - 0.94083736)).toBeLessThan(1e-6);
    expect(Math.abs(a.rrrc!.differences[0].estimate + 0.04380032)).toBeLessThan(1e-6);
  });

  it('ANOVA mean squares and OR components as printed', () => {
    printed(a.anova.msT, '0.00479617');
    printed(a.anova.msR, '0.00383620');
    printed(a.anova.msTR, '0.00055103');
    printed(a.components.var, '0.00080229');
    printed(a.components.cov1, '0.00034661');
    printed(a.components.cov2, '0.00034407');
    printed(a.components.cov3, '0.00023903');
    printed(a.components.varR, '0.00153500');
    printed(a.components.varTR, '0.00020040');
    printed(a.components.rho1, '0.4320');
  });

  it('random readers and cases: F, ddf, t, p, SE and CI', () => {
    const r = a.rrrc!;
    const d = r.differences[0];
    printed(r.f, '4.456319');
    printed(r.ddf, '15.26');
    printed(r.errorMs, '0.00107626');
    printed(d.se, '0.02075');
    printed(d.statistic, '-2.11');
    printed(r.p, '0.0517');
    printed(d.lower, '-0.08796');
    printed(d.upper, '0.00036');
    // Full-precision recomputation quoted in the README.
    expect(r.f).toBeCloseTo(4.4563187, 6);
    expect(r.ddf).toBeCloseTo(15.259675, 5);
    expect(r.p).toBeCloseTo(0.0516657, 7);
    printed(r.single[0].se, '0.03317360');
    printed(r.single[0].df!, '12.74');
    printed(r.single[0].lower, '0.82522360');
    printed(r.single[0].upper, '0.96885048');
    printed(r.single[1].se, '0.02156637');
    printed(r.single[1].df!, '12.71');
    printed(r.single[1].lower, '0.89413783');
    printed(r.single[1].upper, '0.98753689');
  });

  it('fixed readers, random cases: χ², z, p, CI, single modalities and per reader', () => {
    const f = a.frrc!;
    const d = f.differences[0];
    printed(f.chiSquare, '5.47595');
    printed(d.se, '0.01872');
    printed(d.statistic, '-2.34');
    printed(f.p, '0.0193');
    printed(d.lower, '-0.08049');
    printed(d.upper, '-0.00711');
    printed(f.single[0].se, '0.02428971');
    printed(f.single[0].lower, '0.84943008');
    printed(f.single[0].upper, '0.94464399');
    printed(f.single[1].se, '0.01677632');
    printed(f.single[1].lower, '0.90795637');
    printed(f.single[1].upper, '0.97371835');
    const perReader = [
      ['-0.02818', '.02551', '.2693'],
      ['-0.04654', '.02630', '.0768'],
      ['-0.01787', '.03121', '.5668'],
      ['-0.02625', '.01729', '.1290'],
      ['-0.10016', '.04406', '.0230'],
    ];
    f.perReader.forEach((pr, j) => {
      printed(pr.differences[0].estimate, perReader[j][0]);
      printed(pr.differences[0].se, perReader[j][1]);
      printed(pr.differences[0].p, perReader[j][2]);
    });
  });

  it('random readers, fixed cases: F, df, t, p, SE and CI', () => {
    const r = a.rrfc!;
    const d = r.differences[0];
    printed(r.f, '8.70');
    expect([r.df1, r.df2]).toEqual([1, 4]);
    printed(d.se, '0.01485');
    printed(d.statistic, '-2.95');
    printed(r.p, '0.0420');
    printed(d.lower, '-0.08502');
    printed(d.upper, '-0.00258');
  });

  it('DeLong covariance agrees with the independent recomputation in the team notes', () => {
    const d = analyseMrmc(vanDyke, 'delong');
    printed(d.components.var, '0.00079213');
    printed(d.components.cov1, '0.00034201');
    printed(d.components.cov2, '0.00033953');
    printed(d.components.cov3, '0.00023585');
    printed(d.rrrc!.f, '4.4849');
    printed(d.rrrc!.ddf, '15.07');
    printed(d.rrrc!.p, '0.0512');
    printed(d.rrrc!.differences[0].lower, '-0.08787');
    printed(d.rrrc!.differences[0].upper, '0.00027');
  });
});

describe('OR analysis of Franken 1992 (Cov2 < Cov3: the clamp)', () => {
  const a = analyseMrmc(franken);
  it('reproduces every printed figure', () => {
    const published = [
      [0.85345997, 0.86499322, 0.85730439, 0.81524197],
      [0.84961556, 0.84350972, 0.84011759, 0.8143374],
    ];
    a.readerAuc.forEach((x, k) => expect(Math.abs(x.auc - published[Math.floor(k / 4)][k % 4])).toBeLessThan(1e-6));
    expect(a.modalityAuc[0].auc).toBeCloseTo(0.8477498869, 9);
    expect(a.modalityAuc[1].auc).toBeCloseTo(0.8368950701, 9);
    expect(Math.abs(a.rrrc!.differences[0].estimate - 0.01085482)).toBeLessThan(1e-6);
    printed(a.components.var, '0.00152578');
    printed(a.components.cov1, '0.00079168');
    printed(a.components.cov2, '0.00048364');
    printed(a.components.cov3, '0.00051251');
    printed(a.anova.msT, '0.00023565');
    printed(a.anova.msR, '0.00068406');
    printed(a.anova.msTR, '0.00005020');
    for (const [res, df] of [
      [a.rrrc!, a.rrrc!.ddf],
      [a.rrfc!, a.rrfc!.df2],
    ] as const) {
      const d = res.differences[0];
      printed(d.se, '0.00501');
      printed(df, '3.00');
      printed(res.f, '4.69');
      printed(res.p, '0.1188');
      printed(d.lower, '-0.00509');
      printed(d.upper, '0.02680');
    }
    expect(a.rrrc!.f).toBeCloseTo(4.6940577, 6);
    expect(a.rrrc!.p).toBeCloseTo(0.1188379, 7);
    const f = a.frrc!;
    printed(f.differences[0].se, '0.01916');
    printed(f.chiSquare, '0.32101');
    printed(f.p, '0.5710');
    printed(f.differences[0].lower, '-0.02670');
    printed(f.differences[0].upper, '0.04840');
  });
});

/** Van Dyke with modality 0 read on odd case ids only and modality 1 on even ids: cases nested in modalities. */
function nestedVanDyke(): MrmcDataset {
  const keep = (s: { caseId: number; modality: string }) => (s.caseId % 2 === 1) === (s.modality === '0');
  return { ...vanDyke, scores: vanDyke.scores.filter(keep) };
}

const onlyModality = (d: MrmcDataset, m: string): MrmcDataset => ({ ...d, modalities: [m], scores: d.scores.filter((s) => s.modality === m) });

describe('cases nested in modalities', () => {
  for (const method of ['jackknife', 'delong'] as const) {
    it(`${method}: Cov1 = Cov3 = 0, each modality's variance terms are its own, the F denominator follows`, () => {
      const data = nestedVanDyke();
      const a: OrAnalysis = analyseMrmc(data, method);
      expect(a.design).toBe('nested');
      expect(a.components.cov1).toBe(0);
      expect(a.components.cov3).toBe(0);
      const neg = (m: string, reader: string, truth: 0 | 1) =>
        data.scores.filter((s) => s.modality === m && s.reader === reader && data.cases.find((c) => c.id === s.caseId)!.truth === truth).map((s) => s.score);
      expect(a.readerAuc[0].auc).toBeCloseTo(rocAuc(neg('0', '0', 0), neg('0', '0', 1)), 14);
      const singles = ['0', '1'].map((m) => analyseMrmc(onlyModality(data, m), method));
      expect(a.components.var).toBeCloseTo((singles[0].components.var + singles[1].components.var) / 2, 15);
      expect(a.components.cov2).toBeCloseTo((singles[0].components.cov2 + singles[1].components.cov2) / 2, 15);
      expect(a.frrc!.single[1].se).toBeCloseTo(singles[1].singleFrrc[0].se, 15);
      expect(a.singleRrrc![0].se).toBeCloseTo(singles[0].singleRrrc![0].se, 15);
      expect(a.rrrc!.errorMs).toBeCloseTo(a.anova.msTR + 5 * Math.max(a.components.cov2, 0), 15);
      expect(a.frrc!.errorVariance).toBeCloseTo(a.components.var + 4 * a.components.cov2, 15);
      expect(singles[0].rrrc).toBeNull();
    });
  }

  it('refuses a design that is neither crossed nor nested, and a reader who skipped a case', () => {
    const partial = { ...vanDyke, scores: vanDyke.scores.filter((s) => !(s.modality === '1' && s.caseId === 3)) };
    expect(() => analyseMrmc(partial)).toThrow(/fully crossed .* or nested/);
    const skipped = { ...vanDyke, scores: vanDyke.scores.filter((s) => !(s.reader === '2' && s.caseId === 7 && s.modality === '0')) };
    expect(() => analyseMrmc(skipped)).toThrow(/reader 2 has no score for case 7 in modality 0/);
  });
});
