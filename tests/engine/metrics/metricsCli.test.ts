import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNpy } from '../../../electron/engine/io/npy';
import { writePng } from '../../../electron/engine/io/png';
import { ssim } from '../../../electron/engine/metrics/ssim';

describe('aegis metrics (CLI)', () => {
  it('compares two .npy files and two 16-bit PNGs, as JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aegis-metrics-'));
    const a = Float32Array.from({ length: 12 * 13 }, (_, i) => i / 200);
    const b = Float32Array.from(a);
    b[3 * 13 + 4] += 0.05;
    await writeNpy(join(dir, 'a.npy'), { data: a, shape: [12, 13] });
    await writeNpy(join(dir, 'b.npy'), { data: b, shape: [12, 13] });
    const out = JSON.parse(execFileSync('node', ['bin/aegis.js', 'metrics', join(dir, 'a.npy'), join(dir, 'b.npy'), '--json'], { encoding: 'utf8' }));
    expect(out.dataRange).toBe(1);
    expect(out.stored.l0).toBe(1);
    expect(out.normalised.linf).toBeCloseTo(0.05, 6);
    // scikit-image 0.19.3 on the same arrays (float32 → float64): 0.9989185205011305
    expect(out.ssim).toBeCloseTo(0.9989185205011305, 9);
    expect(out.psnr).toBeCloseTo(10 * Math.log10(1 / (0.05 ** 2 / 156)), 3);

    const pa = Uint16Array.from({ length: 16 * 16 }, (_, i) => (i * 97) % 4096);
    const pb = pa.map((v, i) => (i % 5 === 0 ? v + 40 : v));
    await writePng(join(dir, 'a.png'), { width: 16, height: 16, channels: 1, bitDepth: 16, data: pa });
    await writePng(join(dir, 'b.png'), { width: 16, height: 16, channels: 1, bitDepth: 16, data: pb });
    const png = JSON.parse(execFileSync('node', ['bin/aegis.js', 'metrics', join(dir, 'a.png'), join(dir, 'b.png'), '--json', '--range', '4095'], { encoding: 'utf8' }));
    expect(png.stored.linf).toBe(40);
    expect(png.normalised.linf).toBeCloseTo(40 / 4095, 12);
    expect(png.ssim).toBeCloseTo(ssim(pa, pb, { width: 16, height: 16, dataRange: 4095 }).mssim, 12);
  });

  it('refuses mismatched sizes and missing arguments with a plain message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aegis-metrics-'));
    await writeNpy(join(dir, 'a.npy'), { data: new Float32Array(4), shape: [2, 2] });
    await writeNpy(join(dir, 'b.npy'), { data: new Float32Array(6), shape: [2, 3] });
    const bad = spawnSync('node', ['bin/aegis.js', 'metrics', join(dir, 'a.npy'), join(dir, 'b.npy')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/is 2×2×1 but .* is 3×2×1; they must match/);
    const missing = spawnSync('node', ['bin/aegis.js', 'metrics', join(dir, 'a.npy')], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/give exactly two images/);
  });
});
