import { describe, expect, it } from 'vitest';
import { bitDepthReduce } from '../../../electron/engine/defenses/bitDepth';

describe('bitDepthReduce', () => {
  it('rounds to 2ᵇ − 1 levels, half to even like numpy.rint, and clamps', () => {
    const img = { data: Float32Array.from([0, 0.1, 0.5, 0.25, 0.7, 1, 1.3, -0.2]), width: 8, height: 1, channels: 1 };
    // b = 1: levels {0, 1}; rint(0.5) = 0 (half to even). b = 2: levels k/3; rint(1.5) = 2, rint(0.75) = 1.
    expect(Array.from(bitDepthReduce(img, 1).data)).toEqual([0, 0, 0, 0, 1, 1, 1, 0]);
    expect(Array.from(bitDepthReduce(img, 2).data)).toEqual([0, 0, 2 / 3, 1 / 3, 2 / 3, 1, 1, 0].map(Math.fround));
  });
  it('is idempotent and leaves 8-bit values unchanged at 8 bits', () => {
    const data = Float32Array.from({ length: 256 }, (_, i) => i / 255);
    const img = { data, width: 16, height: 16, channels: 1 };
    expect(Array.from(bitDepthReduce(img, 8).data)).toEqual(Array.from(data));
    const once = bitDepthReduce(img, 3);
    expect(Array.from(bitDepthReduce(once, 3).data)).toEqual(Array.from(once.data));
    expect(new Set(once.data).size).toBe(8);
  });
  it('rejects a bad depth', () => {
    expect(() => bitDepthReduce({ data: new Float32Array(1), width: 1, height: 1, channels: 1 }, 0)).toThrow(/1 to 16/);
  });
});
