import { describe, expect, it } from 'vitest';
import { noiseResidualMap } from '../../../electron/engine/detect/noiseResidual';
import { pixelAuroc } from '../../../electron/engine/stats/pixelAuroc';

const W = 64;
/** A smooth phantom with a disc whose edge is blurred like a radiograph's (anatomy the map must not flag). */
function phantom(): Float32Array {
  return Float32Array.from({ length: W * W }, (_, i) => {
    const x = i % W;
    const y = Math.floor(i / W);
    return 0.2 + 0.002 * x + 0.4 / (1 + Math.exp((Math.hypot(x - 40, y - 40) - 12) / 1.5));
  });
}

describe('noise-residual map', () => {
  it('is zero on constant and linear-ramp images (median₃ reproduces them)', () => {
    const flat = noiseResidualMap({ data: new Float32Array(W * W).fill(0.3), width: W, height: W, channels: 1 });
    expect(Math.max(...flat.map)).toBe(0);
    const ramp = Float32Array.from({ length: W * W }, (_, i) => (i % W) / W);
    expect(Math.max(...noiseResidualMap({ data: ramp, width: W, height: W, channels: 1 }).map)).toBeLessThan(1e-5);
  });

  it('peaks inside a localised ±0.02 perturbation, not on the disc edge', () => {
    const data = phantom();
    const mask = new Uint8Array(W * W);
    for (let y = 8; y < 24; y++) {
      for (let x = 6; x < 22; x++) {
        mask[y * W + x] = 1;
        data[y * W + x] += ((x * 7 + y * 13) % 5) % 2 ? 0.02 : -0.02;
      }
    }
    // window 7 on this 64-pixel image (the default 15 is meant for ~512-pixel radiographs)
    const { map, score } = noiseResidualMap({ data, width: W, height: W, channels: 1 }, { window: 7 });
    let peak = 0;
    for (let i = 1; i < map.length; i++) if (map[i] > map[peak]) peak = i;
    expect(mask[peak]).toBe(1);
    expect(pixelAuroc(map, mask)).toBeGreaterThan(0.9);
    expect(score).toBeGreaterThan(noiseResidualMap({ data: phantom(), width: W, height: W, channels: 1 }, { window: 7 }).score);
  });

  it('rejects an even window', () => {
    expect(() => noiseResidualMap({ data: new Float32Array(4), width: 2, height: 2, channels: 1 }, { window: 4 })).toThrow(/odd/);
  });
});
