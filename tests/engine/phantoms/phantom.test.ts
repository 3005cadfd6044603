import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateChestPhantom, MAX_STORED } from '../../../electron/engine/phantoms/chestPhantom';
import { Rng } from '../../../electron/engine/phantoms/random';

const hash = (a: ArrayBufferView) => createHash('sha256').update(Buffer.from(a.buffer, a.byteOffset, a.byteLength)).digest('hex');

describe('Rng', () => {
  it('is reproducible and roughly uniform / standard normal', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 20000 }, () => a.next());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.next()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    const g = Array.from({ length: 20000 }, () => a.gauss());
    const gm = g.reduce((s, x) => s + x, 0) / g.length;
    const gv = g.reduce((s, x) => s + (x - gm) ** 2, 0) / g.length;
    expect(Math.abs(gm)).toBeLessThan(0.03);
    expect(Math.abs(gv - 1)).toBeLessThan(0.04);
  });
});

describe('generateChestPhantom', () => {
  it('is deterministic by seed and differs between seeds', () => {
    const a = generateChestPhantom(7, { nodules: 1 });
    const b = generateChestPhantom(7, { nodules: 1 });
    const c = generateChestPhantom(8, { nodules: 1 });
    expect(hash(a.pixels)).toBe(hash(b.pixels));
    expect(hash(a.lungMask)).toBe(hash(b.lungMask));
    expect(a.nodules).toEqual(b.nodules);
    expect(hash(a.pixels)).not.toBe(hash(c.pixels));
  });

  it('stays in the 12-bit range and uses it like a chest film', () => {
    for (const seed of [1, 2, 3]) {
      const p = generateChestPhantom(seed);
      let min = Infinity;
      let max = -Infinity;
      for (const v of p.pixels) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      expect(min).toBeGreaterThanOrEqual(0);
      expect(max).toBeLessThanOrEqual(MAX_STORED);
      expect(min).toBeLessThan(400); // air outside the body
      expect(max).toBeGreaterThan(2200); // mediastinum, bone
    }
  });

  it('has a lung mask over two dark lung fields', () => {
    for (const seed of [11, 12, 13]) {
      const p = generateChestPhantom(seed);
      const n = p.size;
      let inside = 0;
      let sumIn = 0;
      let left = 0;
      let right = 0;
      let sumMid = 0;
      let countMid = 0;
      for (let y = 0; y < n; y++) {
        for (let x = 0; x < n; x++) {
          const i = y * n + x;
          if (p.lungMask[i]) {
            inside++;
            sumIn += p.pixels[i];
            if (x < n / 2) left++;
            else right++;
          } else if (Math.abs(x - n / 2) < n * 0.04 && y > n * 0.3 && y < n * 0.6) {
            sumMid += p.pixels[i];
            countMid++;
          }
        }
      }
      const fraction = inside / (n * n);
      expect(fraction).toBeGreaterThan(0.15);
      expect(fraction).toBeLessThan(0.45);
      expect(Math.min(left, right) / Math.max(left, right)).toBeGreaterThan(0.6);
      // Aerated lung is far less attenuating than the mediastinum.
      expect(sumMid / countMid - sumIn / inside).toBeGreaterThan(600);
    }
  });

  it('adds nodules inside the lungs with the stated local contrast and nothing else', () => {
    for (const seed of [21, 22, 23, 24]) {
      const without = generateChestPhantom(seed);
      const withN = generateChestPhantom(seed, { nodules: 1 });
      const [nod] = withN.nodules;
      const n = withN.size;
      expect(withN.lungMask[Math.round(nod.y) * n + Math.round(nod.x)]).toBe(1);
      let core = 0;
      let coreCount = 0;
      let farMax = 0;
      for (let y = 0; y < n; y++) {
        for (let x = 0; x < n; x++) {
          const i = y * n + x;
          const r = Math.hypot(x - nod.x, y - nod.y);
          const diff = withN.pixels[i] - without.pixels[i];
          if (r < nod.radius * 0.4) {
            core += diff;
            coreCount++;
          } else if (r > nod.radius * 1.2 + 2) farMax = Math.max(farMax, Math.abs(diff));
        }
      }
      // √(1 − r²/R²) ≥ 0.92 for r < 0.4 R; the noise amplitude rises slightly with the added density.
      expect(core / coreCount).toBeGreaterThan(0.85 * nod.contrast);
      expect(farMax).toBe(0);
    }
  });
});
