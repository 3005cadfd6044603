import { describe, expect, it } from 'vitest';
import { storedImageSpace } from '../../../electron/engine/attacks/attackSpace';
import { Pipeline } from '../../../electron/engine/imaging/pipeline';

/**
 * The quantiser every attack result goes through (ARCHITECTURE.md principle 2), pinned on a 4×1 12-bit
 * image seen through a 0..100 window: one normalised unit is exactly 100 stored units, so a change of
 * 0.006 is 0.6 stored units and the expected integers can be written down by hand.
 */
const WIDTH = 4;
const pipeline = new Pipeline({
  nativeWidth: WIDTH,
  nativeHeight: 1,
  nativeChannels: 1,
  inputWidth: WIDTH,
  inputHeight: 1,
  inputChannels: 1,
  mapping: { lo: 0, hi: 100, outMin: 0, outMax: 1 },
});
const stored0 = [40, 50, 60, 70];
const space = storedImageSpace(pipeline, {
  stored: stored0,
  width: WIDTH,
  height: 1,
  channels: 1,
  format: { bitsStored: 12, pixelRepresentation: 0, rescaleSlope: 1, rescaleIntercept: 0 },
});
/** The point u0 + d (d in stored units, converted to normalised units). */
const moved = (d: number[]) => Float32Array.from(space.x0, (v, i) => v + d[i]! / 100);
const deltas = (stored: Float64Array) => Array.from(stored, (s, i) => s - stored0[i]!);

describe('attack-space quantisation to stored integers', () => {
  it('has 100 stored units per normalised unit on this window', () => {
    expect(space.storedPerUnit).toBe(100);
  });

  it('rounds each stored change to the nearest integer (not toward zero)', () => {
    const { stored, u } = space.quantise(moved([0.6, 0.4, -0.6, -0.4]), undefined, 'linf');
    expect(deltas(stored)).toEqual([1, 0, -1, 0]);
    // The returned point is the stored image re-read, exactly.
    Array.from(u).forEach((v, i) => expect(v).toBeCloseTo((stored0[i]! + deltas(stored)[i]!) / 100, 6));
  });

  it('caps an L∞ budget of 3.7 stored units at 3 (floor), never 4, so the budget is never exceeded', () => {
    const { stored } = space.quantise(moved([5, 3.6, -3.6, -9]), 0.037, 'linf');
    expect(deltas(stored)).toEqual([3, 3, -3, -3]);
  });

  it('keeps a whole-unit L∞ budget exactly (29 stored units, although 0.29 × 100 is 28.999… in floating point)', () => {
    expect(0.29 * 100).toBeLessThan(29);
    const { stored } = space.quantise(moved([29, 30.4, -31, 1.2]), 0.29, 'linf');
    expect(deltas(stored)).toEqual([29, 29, -29, 1]);
  });

  it('keeps the L2 norm within budget when rounding would break it, by shrinking toward the original', () => {
    // Rounded: [4, 4, 0, 0] has norm 5.66 > 5; shrunk toward zero: [3, 3, 0, 0], norm 4.24.
    const { stored } = space.quantise(moved([3.6, 3.6, 0.2, -0.2]), 0.05, 'l2');
    const d = deltas(stored);
    expect(d).toEqual([3, 3, 0, 0]);
    expect(Math.hypot(...d)).toBeLessThanOrEqual(5);
  });

  it('rounds to nearest under an L2 budget the rounded change already meets', () => {
    const { stored } = space.quantise(moved([0.6, -0.6, 0.4, 0]), 0.05, 'l2');
    expect(deltas(stored)).toEqual([1, -1, 0, 0]);
  });
});
