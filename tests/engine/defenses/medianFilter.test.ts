import { describe, expect, it } from 'vitest';
import { medianFilter } from '../../../electron/engine/defenses/medianFilter';

const a = [
  [0.1, 0.9, 0.3, 0.7, 0.2],
  [0.5, 0.4, 0.8, 0.05, 0.6],
  [0.95, 0.15, 0.35, 0.65, 0.25],
  [0.45, 0.75, 0.55, 0.85, 0.0],
];
const img = { data: Float32Array.from(a.flat()), width: 5, height: 4, channels: 1 };

/** Direct computation: pad by explicit mirroring, gather every window, sort fully, take rank ⌊k²/2⌋. */
function direct(rows: number[][], k: number): number[][] {
  const h = rows.length;
  const w = rows[0].length;
  const mirror = (i: number, n: number) => (i < 0 ? -i - 1 : i >= n ? 2 * n - i - 1 : i);
  const lo = -Math.floor(k / 2);
  return rows.map((_, y) =>
    rows[0].map((__, x) => {
      const win: number[] = [];
      for (let dy = 0; dy < k; dy++) for (let dx = 0; dx < k; dx++) win.push(Math.fround(rows[mirror(y + lo + dy, h)][mirror(x + lo + dx, w)]));
      win.sort((p, q) => p - q);
      return win[Math.floor((k * k) / 2)];
    }),
  );
}

describe('medianFilter', () => {
  it('matches scipy.ndimage.median_filter (size 2 and 3, reflect) on a worked example', () => {
    // Reference values printed by scipy 1.17.1 for the float32 array above.
    const scipy2 = [
      [0.1, 0.9, 0.9, 0.7, 0.7],
      [0.5, 0.5, 0.8, 0.7, 0.6],
      [0.95, 0.5, 0.4, 0.65, 0.6],
      [0.95, 0.75, 0.55, 0.65, 0.65],
    ];
    const scipy3 = [
      [0.4, 0.4, 0.7, 0.3, 0.2],
      [0.5, 0.4, 0.4, 0.35, 0.25],
      [0.5, 0.5, 0.55, 0.55, 0.25],
      [0.45, 0.55, 0.65, 0.55, 0.25],
    ];
    expect(Array.from(medianFilter(img, 2).data)).toEqual(scipy2.flat().map(Math.fround));
    expect(Array.from(medianFilter(img, 3).data)).toEqual(scipy3.flat().map(Math.fround));
  });

  it('equals the direct computation for k = 1…5 on a pseudo-random image', () => {
    const rows = Array.from({ length: 9 }, (_, y) => Array.from({ length: 11 }, (_, x) => Math.abs(Math.sin(x * 3.1 + y * 7.7))));
    const im = { data: Float32Array.from(rows.flat()), width: 11, height: 9, channels: 1 };
    for (let k = 1; k <= 5; k++) expect(Array.from(medianFilter(im, k).data)).toEqual(direct(rows, k).flat());
  });

  it('filters each channel separately and rejects a bad size', () => {
    const two = { data: Float32Array.from([...a.flat(), ...a.flat().map((v) => 1 - v)]), width: 5, height: 4, channels: 2 };
    const out = medianFilter(two, 3).data;
    expect(Array.from(out.subarray(0, 20))).toEqual(Array.from(medianFilter(img, 3).data));
    expect(() => medianFilter(img, 0)).toThrow(/positive integer/);
  });
});
