import { describe, expect, it } from 'vitest';
import { featureSqueezingScore } from '../../../electron/engine/detect/featureSqueezing';
import type { PlanarImage } from '../../../electron/engine/defenses/planarImage';

/** Analytic model: p = [m, 1 − m] with m the image's mean intensity. */
const meanModel = async (images: PlanarImage[]) =>
  images.map((im) => {
    const m = im.data.reduce((s, v) => s + v, 0) / im.data.length;
    return [m, 1 - m];
  });

describe('feature squeezing (Xu et al. 2018)', () => {
  it('scores a constant 0.5 image by its 5-bit rounding: 2·|0.5 − 16/31|', async () => {
    const im = { data: new Float32Array(16 * 16).fill(0.5), width: 16, height: 16, channels: 1 };
    const r = await featureSqueezingScore(im, meanModel);
    expect(r.perSqueezer['median-2x2']).toBe(0);
    expect(r.perSqueezer['bit-depth-5']).toBeCloseTo(2 * Math.abs(0.5 - 16 / 31), 6);
    expect(r.score).toBe(r.perSqueezer['bit-depth-5']);
  });

  it('scores a ±0.02 checkerboard by the 2×2 median moving every pixel to the upper value: 0.04', async () => {
    // Each 2×2 window holds two 0.48 and two 0.52 (upper median 0.52); pixel (0,0) is 0.52 itself.
    // 5-bit rounding maps 0.48 → 15/31 and 0.52 → 16/31, whose mean is 0.5 → no change in m.
    const w = 16;
    const data = Float32Array.from({ length: w * w }, (_, i) => (((i % w) + Math.floor(i / w)) % 2 === 0 ? 0.52 : 0.48));
    const im = { data, width: w, height: w, channels: 1 };
    const r = await featureSqueezingScore(im, meanModel);
    expect(r.perSqueezer['median-2x2']).toBeCloseTo(2 * 0.02, 6);
    expect(r.perSqueezer['bit-depth-5']).toBeCloseTo(0, 6);
    expect(r.score).toBeCloseTo(0.04, 6);
  });

  it('batches the original and every squeezed image into one model call', async () => {
    let calls = 0;
    let batch = 0;
    const im = { data: new Float32Array(4).fill(0.3), width: 2, height: 2, channels: 1 };
    await featureSqueezingScore(im, async (ims) => {
      calls++;
      batch = ims.length;
      return meanModel(ims);
    });
    expect([calls, batch]).toEqual([1, 3]);
  });
});
