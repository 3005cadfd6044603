import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../../electron/engine/stats/rocAuc';

/** Expands category counts (category 1..5) into one score per case. */
function expand(counts: number[]): number[] {
  return counts.flatMap((c, k) => new Array<number>(c).fill(k + 1));
}

describe('rocAuc', () => {
  it('reproduces Hanley & McNeil 1982 (109 CT ratings, AUC 0.893)', () => {
    const normal = expand([33, 6, 6, 11, 2]);
    const abnormal = expand([3, 2, 2, 11, 33]);
    // Hand count: Σ over category pairs of (abnormal > normal) + ½ ties = 2642 of 58·51 = 2958 pairs.
    expect(rocAuc(normal, abnormal) * 2958).toBeCloseTo(2642, 9);
    expect(rocAuc(normal, abnormal)).toBeCloseTo(0.8931710615, 9);
    expect(Number(rocAuc(normal, abnormal).toFixed(3))).toBe(0.893);
  });

  it('matches the published per-reader AUCs of Van Dyke 1993 (iMRMC / OR-DBM MRMC)', () => {
    const text = readFileSync(fileURLToPath(new URL('fixtures/VanDyke.imrmc', import.meta.url)), 'utf8');
    const lines = text.split(/\r?\n/);
    const start = lines.findIndex((l) => l.startsWith('BEGIN DATA')) + 1;
    const truth = new Map<string, number>();
    const ratings = new Map<string, { neg: number[]; pos: number[] }>();
    const rows = lines.slice(start).filter((l) => l.trim() !== '').map((l) => l.split(','));
    for (const [reader, kase, , value] of rows) if (reader === '-1') truth.set(kase, Number(value));
    for (const [reader, kase, modality, value] of rows) {
      if (reader === '-1') continue;
      const key = `${modality}/${reader}`;
      const entry = ratings.get(key) ?? { neg: [], pos: [] };
      (truth.get(kase) === 1 ? entry.pos : entry.neg).push(Number(value));
      ratings.set(key, entry);
    }
    const auc = (m: string, r: string) => {
      const e = ratings.get(`${m}/${r}`)!;
      expect(e.neg.length).toBe(69);
      expect(e.pos.length).toBe(45);
      return rocAuc(e.neg, e.pos);
    };
    const published: Record<string, number[]> = {
      '0': [0.91964573, 0.85877617, 0.90386473, 0.97310789, 0.82979066],
      '1': [0.94782609, 0.90531401, 0.92173913, 0.99935588, 0.92995169],
    };
    for (const m of ['0', '1']) {
      published[m].forEach((v, r) => expect(auc(m, String(r))).toBeCloseTo(v, 7));
    }
  });

  it('is 1 for perfect separation, 0 when reversed, ½ for all ties', () => {
    expect(rocAuc([0, 1, 2], [3, 4])).toBe(1);
    expect(rocAuc([3, 4], [0, 1, 2])).toBe(0);
    expect(rocAuc([1, 1], [1, 1, 1])).toBe(0.5);
  });

  it('equals the brute-force pair count on random data with ties', () => {
    const neg = Array.from({ length: 57 }, (_, i) => (i * 37) % 11);
    const pos = Array.from({ length: 43 }, (_, i) => ((i * 29) % 13) + 1);
    let s = 0;
    for (const a of neg) for (const b of pos) s += b > a ? 1 : b === a ? 0.5 : 0;
    expect(rocAuc(neg, pos)).toBeCloseTo(s / (neg.length * pos.length), 12);
  });

  it('rejects empty or non-finite input with a clear message', () => {
    expect(() => rocAuc([], [1])).toThrow(/at least one negative/);
    expect(() => rocAuc([NaN], [1])).toThrow(/finite/);
  });
});
