import { describe, expect, it } from 'vitest';
import { calibrateThreshold } from '../../native-models/classifier/calibrateThreshold';
import { makePhantomSet, noduleCellLabels } from '../../electron/engine/phantoms/phantomDataset';

describe('calibrateThreshold', () => {
  it('puts the cut half-way where accuracy is highest', () => {
    // Sorted: 0.1(0) 0.2(0) 0.4(1) 0.5(0) 0.9(1) 1.0(1): best cut between 0.2 and 0.4 (5/6) — ties resolved to the first.
    expect(calibrateThreshold([0.5, 0.1, 0.9, 0.2, 1.0, 0.4], [0, 0, 1, 0, 1, 1])).toBeCloseTo(0.3, 12);
  });
  it('handles all-positive and all-negative sets and refuses mismatched input', () => {
    expect(calibrateThreshold([1, 2], [1, 1])).toBeLessThan(1);
    expect(calibrateThreshold([1, 2], [0, 0])).toBeGreaterThan(2);
    expect(() => calibrateThreshold([1], [])).toThrow(/1 scores and 0 labels/);
  });
});

describe('phantom sets', () => {
  it('pairs twins (same anatomy, with and without a nodule) and marks the nodule cells', () => {
    const set = makePhantomSet(101, 4, 56, { paired: true });
    expect(Array.from(set.labels)).toEqual([0, 1, 0, 1]);
    expect(set.seeds).toEqual([101, 101, 102, 102]);
    expect(set.group).toBe(2);
    const cells = noduleCellLabels(set, 28);
    const count = (i: number) => cells.subarray(i * 784, (i + 1) * 784).reduce((a, b) => a + b, 0);
    expect(count(0)).toBe(0);
    expect(count(1)).toBeGreaterThan(0);
    const nod = set.nodules[1][0];
    const cx = Math.floor(nod.x / (512 / 28));
    const cy = Math.floor(nod.y / (512 / 28));
    expect(cells[784 + cy * 28 + cx]).toBe(1);
    // Twins differ only near the nodule.
    let differing = 0;
    for (let p = 0; p < 56 * 56; p++) if (set.inputs[56 * 56 + p] !== set.inputs[p]) differing++;
    expect(differing).toBeGreaterThan(0);
    expect(differing).toBeLessThan(60);
  });

  it('labels unpaired sets by seed parity', () => {
    const set = makePhantomSet(1000001, 2, 32);
    expect(Array.from(set.labels)).toEqual([1, 0]);
    expect(set.nodules.map((n) => n.length)).toEqual([1, 0]);
  });
});
