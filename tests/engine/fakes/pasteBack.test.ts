import { describe, expect, it } from 'vitest';
import { blendWeight, pasteBack } from '../../../electron/engine/fakes/pasteBack';
import { cropBox, patchBox, toModelResolution, toNativeResolution } from '../../../electron/engine/fakes/patchBox';

const format = { bitsStored: 12, pixelRepresentation: 0 as const, rescaleSlope: 1, rescaleIntercept: 0 };

function noiseImage(width: number, height: number): Uint16Array {
  let s = 12345;
  return Uint16Array.from({ length: width * height }, (_, i) => {
    s = (s * 1103515245 + 12345) >>> 0;
    return 1000 + (i % width) * 3 + (s >>> 24);
  });
}

describe('feathered paste-back', () => {
  it('weighs 1 up to inner, a raised cosine to 0 at outer, 0 beyond', () => {
    expect(blendWeight(0, 22, 30)).toBe(1);
    expect(blendWeight(22, 22, 30)).toBe(1);
    expect(blendWeight(26, 22, 30)).toBeCloseTo(0.5, 12);
    expect(blendWeight(30, 22, 30)).toBe(0);
    expect(blendWeight(100, 22, 30)).toBe(0);
  });

  it('changes nothing at or beyond outer, writes stored integers inside, and replaces the centre with the generated value', () => {
    const w = 120;
    const h = 100;
    const stored = noiseImage(w, h);
    const col = 50;
    const row = 45;
    const box = patchBox({ mode: 'patch', patchSize: 32, scale: 3 }, w, h, col, row);
    const generated = new Float64Array(box.width * box.height).fill(3000.4);
    const r = pasteBack({ stored, modality: Float32Array.from(stored), width: w, height: h, format, box, generated, col, row, inner: 10, outer: 18 });
    for (let i = 0; i < stored.length; i++) {
      const d = Math.hypot((i % w) - col, Math.floor(i / w) - row);
      if (d >= 18) expect(r.stored[i]).toBe(stored[i]);
      else expect(Number.isInteger(r.stored[i])).toBe(true);
      if (d <= 10) expect(r.stored[i]).toBe(3000);
    }
    expect(r.changed).toBeGreaterThan(Math.PI * 10 * 10);
    expect(stored[col + row * w]).not.toBe(3000); // the original buffer is untouched
  });

  it('keeping texture: a generated patch equal to the coarse original changes no stored value', () => {
    const w = 96;
    const stored = noiseImage(w, w);
    const box = patchBox({ mode: 'patch', patchSize: 32, scale: 3 }, w, w, 40, 40);
    const coarse = toNativeResolution(toModelResolution(cropBox(stored, w, w, box), box, 32), box, 32);
    const r = pasteBack({ stored, modality: Float32Array.from(stored), width: w, height: w, format, box, generated: coarse, coarse, col: 40, row: 40, inner: 20, outer: 28 });
    expect(r.changed).toBe(0);
    expect(Array.from(r.stored)).toEqual(Array.from(stored));
  });

  it('clamps to the stored range and reads edge pixels for a box past the image border', () => {
    const w = 40;
    const stored = noiseImage(w, w);
    const box = patchBox({ mode: 'patch', patchSize: 16, scale: 2 }, w, w, 2, 3);
    expect(box.x0).toBeLessThan(0);
    const crop = cropBox(stored, w, w, box);
    expect(crop[0]).toBe(stored[0]);
    const generated = new Float64Array(box.width * box.height).fill(1e6);
    const r = pasteBack({ stored, modality: Float32Array.from(stored), width: w, height: w, format, box, generated, col: 2, row: 3, inner: 4, outer: 8 });
    expect(r.stored[3 * w + 2]).toBe(4095);
  });
});
