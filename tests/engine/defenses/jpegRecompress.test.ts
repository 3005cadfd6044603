import { describe, expect, it } from 'vitest';
import { jpegRecompress } from '../../../electron/engine/defenses/jpegRecompress';

function phantom(w: number, h: number, noise: number): Float32Array {
  const d = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const r = Math.hypot(x - w / 2, y - h / 2);
      d[y * w + x] = 0.2 + 0.5 * Math.exp(-(r * r) / 300) + noise * Math.sign(Math.sin(x * 12.9898 + y * 78.233));
    }
  }
  return d;
}

describe('jpegRecompress', () => {
  it('loses less with higher quality, and at quality 50 removes most of a ±2 % high-frequency perturbation', () => {
    const w = 64;
    const clean = phantom(w, w, 0);
    const noisy = phantom(w, w, 0.02);
    const img = { data: noisy, width: w, height: w, channels: 1 };
    const rms = (a: Float32Array, b: Float32Array) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0) / a.length);
    const losses = [10, 25, 50, 75, 95].map((q) => rms(jpegRecompress({ ...img, data: clean }, q).data, clean));
    for (let k = 1; k < losses.length; k++) expect(losses[k]).toBeLessThan(losses[k - 1]);
    expect(losses[3]).toBeLessThan(0.005);
    expect(rms(jpegRecompress(img, 50).data, clean)).toBeLessThan(rms(noisy, clean) * 0.5);
  });
  it('quality 100 is nearly lossless on 8-bit values; bad quality and channel counts are refused', () => {
    const w = 16;
    const data = Float32Array.from({ length: w * w }, (_, i) => Math.round(((i % w) / w) * 255) / 255);
    const out = jpegRecompress({ data, width: w, height: w, channels: 1 }, 100).data;
    for (let i = 0; i < data.length; i++) expect(Math.abs(out[i] - data[i])).toBeLessThan(3 / 255);
    expect(() => jpegRecompress({ data, width: w, height: w, channels: 1 }, 0)).toThrow(/between 1 and 100/);
    expect(() => jpegRecompress({ data: new Float32Array(2 * w * w), width: w, height: w, channels: 2 })).toThrow(/1- or 3-channel/);
  });
});
