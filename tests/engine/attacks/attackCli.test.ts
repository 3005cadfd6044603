import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadImage } from '../../../electron/engine/io/loadImage';
import { readNpy, writeNpy } from '../../../electron/engine/io/npy';
import { encodeModel } from '../../../electron/engine/onnx';
import { writeCtSlice } from './makeDicom';
import { tinyClassifier, tinyLinear, tinySegmenter } from './tinyModels';

const dir = mkdtempSync(join(tmpdir(), 'aegis-attack-cli-'));
const segDir = mkdtempSync(join(tmpdir(), 'aegis-attack-cli-seg-'));
const model = join(dir, 'tiny.onnx');
const ct = join(dir, 'ct.dcm');
const npy = join(dir, 'x.npy');
let stored: Uint16Array;

function aegis(...args: string[]): { status: number | null; stdout: string; stderr: string; json: () => Record<string, unknown> } {
  const r = spawnSync('node', ['bin/aegis.js', ...args], { encoding: 'utf8', env: { ...process.env, AEGIS_HOME: dir, XDG_CACHE_HOME: dir } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

beforeAll(async () => {
  writeFileSync(model, encodeModel(tinyClassifier(8, 3)));
  writeFileSync(
    join(dir, 'metadata.json'),
    JSON.stringify({ name: 'tiny', network_data_format: { inputs: { image: { intensity: { kind: 'window', center: 40, width: 400 } } }, outputs: { out: { kind: 'logits', classes: ['normal', 'nodule', 'mass'] } } } }),
  );
  stored = writeCtSlice(ct, 24, 20, (r, c) => 1024 + Math.round(200 * Math.sin(r * 0.5 + c * 0.3)));
  await writeNpy(npy, { data: Float32Array.from({ length: 64 }, (_, i) => (i % 9) / 8), shape: [1, 1, 8, 8] });
  writeFileSync(join(segDir, 'seg.onnx'), encodeModel(tinySegmenter(8)));
});

describe('aegis predict / attack (CLI, tiny ONNX model)', () => {
  it('the attacked DICOM, written and predicted again, gives exactly the "after quantisation" probabilities', async () => {
    const before = aegis('predict', '--model', model, ct, '--json').json();
    expect((before.probabilities as number[]).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const out = join(dir, 'adv.dcm');
    const r = aegis('attack', '--model', model, ct, '--method', 'pgd', '--eps', '0.05', '--steps', '5', '--seed', '7', '--out', out, '--json');
    expect(r.stderr).toBe('');
    const a = r.json();
    expect(a.probabilitiesBefore).toEqual(before.probabilities);
    expect(a.iterations).toBe(5);
    expect(a.secondsPerIteration as number).toBeGreaterThan(0);
    expect((a.norms as { normalised: { linf: number } }).normalised.linf).toBeLessThanOrEqual(0.05);
    const adv = await loadImage(out);
    for (let i = 0; i < stored.length; i++) {
      expect(Math.abs(adv.values[i] - stored[i])).toBeLessThanOrEqual(0.05 * 400); // eps × window width in stored units
      expect(adv.values[i]).toBeGreaterThanOrEqual(0);
      expect(adv.values[i]).toBeLessThanOrEqual(4095);
    }
    const again = aegis('predict', '--model', model, out, '--json').json();
    (again.probabilities as number[]).forEach((p, k) => expect(p).toBeCloseTo((a.probabilitiesAfter as number[])[k], 6));
    const m = aegis('metrics', ct, out, '--json').json();
    expect(m.ssim).toBeCloseTo(a.ssim as number, 10);
    expect(m.psnr).toBeCloseTo(a.psnr as number, 8);
  });

  it('per-image min–max mapping: the extremes stay put, so the written file re-predicts exactly', async () => {
    const mm = mkdtempSync(join(tmpdir(), 'aegis-attack-cli-mm-'));
    writeFileSync(join(mm, 'mm.onnx'), encodeModel(tinyClassifier(8, 3))); // no metadata.json: min–max onto [0, 1]
    const out = join(mm, 'adv.dcm');
    const a = aegis('attack', '--model', join(mm, 'mm.onnx'), ct, '--method', 'fgsm', '--eps', '0.2', '--out', out, '--json').json();
    const adv = await loadImage(out);
    const range = (v: ArrayLike<number>) => [Math.min(...Array.from(v)), Math.max(...Array.from(v))];
    expect(range(adv.values)).toEqual(range(stored));
    const again = aegis('predict', '--model', join(mm, 'mm.onnx'), out, '--json').json();
    (again.probabilities as number[]).forEach((p, k) => expect(p).toBeCloseTo((a.probabilitiesAfter as number[])[k], 6));
  });

  it('raw .npy input: attack runs in model-input space clipped to [0, 1], seeded and reproducible', async () => {
    const o1 = join(dir, 'a1.npy');
    const o2 = join(dir, 'a2.npy');
    const r1 = aegis('attack', '--model', model, npy, '--method', 'pgd', '--eps', '0.1', '--steps', '3', '--seed', '5', '--out', o1, '--json').json();
    aegis('attack', '--model', model, npy, '--method', 'pgd', '--eps', '0.1', '--steps', '3', '--seed', '5', '--out', o2);
    const [x, a1, a2] = [await readNpy(npy), await readNpy(o1), await readNpy(o2)];
    expect(a1.shape).toEqual([1, 1, 8, 8]);
    expect(Array.from(a1.data as Float32Array)).toEqual(Array.from(a2.data as Float32Array));
    (a1.data as Float32Array).forEach((v, i) => {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      expect(Math.abs(v - (x.data as Float32Array)[i])).toBeLessThanOrEqual(0.1 + 1e-6);
    });
    expect(r1.imageKind).toBe('npy');
    // N stacked inputs: one result per sample, the output keeps the batch.
    const batch = join(dir, 'batch.npy');
    const xs = x.data as Float32Array;
    await writeNpy(batch, { data: Float32Array.from([...xs, ...xs.map((v) => 1 - v)]), shape: [2, 1, 8, 8] });
    const p = aegis('predict', '--model', model, batch, '--json').json();
    expect(p.batch).toBe(2);
    const single = aegis('predict', '--model', model, npy, '--json').json();
    expect((p.samples as { logits: number[] }[])[0].logits).toEqual(single.logits);
    const ob = join(dir, 'batch-adv.npy');
    const ab = aegis('attack', '--model', model, batch, '--method', 'fgsm', '--eps', '0.1', '--out', ob, '--json').json();
    expect(ab.samples as unknown[]).toHaveLength(2);
    expect((await readNpy(ob)).shape).toEqual([2, 1, 8, 8]);
    // Robustness margin on a linear model: bisection brackets the flip to eps/100.
    const linear = join(mkdtempSync(join(tmpdir(), 'aegis-attack-cli-lin-')), 'linear.onnx');
    writeFileSync(linear, encodeModel(tinyLinear(8, 3)));
    const mg = aegis('attack', '--model', linear, npy, '--method', 'pgd', '--eps', '0.5', '--steps', '10', '--margin', '--json').json();
    const margin = mg.robustnessMargin as { margin: number; robustUpTo: number; probes: number };
    expect(margin.margin).toBeGreaterThan(0);
    expect(margin.margin).toBeLessThanOrEqual(0.5);
    expect(margin.margin - margin.robustUpTo).toBeLessThanOrEqual(0.005 + 1e-12);
    expect(margin.probes).toBeGreaterThan(5);
    const t = aegis('attack', '--model', model, npy, '--method', 'deepfool', '--target', '1', '--json').json();
    expect(t.decisionAfter).toBe(1);
    expect(t.success).toBe(true);
  });

  it('segmentation model: predict gives pixel fractions, a targeted attack moves pixels to the target', () => {
    const seg = join(segDir, 'seg.onnx');
    const p = aegis('predict', '--model', seg, npy, '--json').json();
    expect((p.pixelFractions as number[]).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const a = aegis('attack', '--model', seg, npy, '--method', 'pgd', '--eps', '0.5', '--steps', '10', '--target', '0', '--json').json();
    expect(a.pixelsKept as number).toBeLessThan(1);
  });

  it('multi-label model: --class picks the finding whose sigmoid decision is attacked', () => {
    const ml = mkdtempSync(join(tmpdir(), 'aegis-attack-cli-ml-'));
    writeFileSync(join(ml, 'ml.onnx'), encodeModel(tinyClassifier(8, 3)));
    writeFileSync(join(ml, 'metadata.json'), JSON.stringify({ network_data_format: { outputs: { out: { kind: 'multilabel-logits' } } } }));
    const p = aegis('predict', '--model', join(ml, 'ml.onnx'), npy, '--json').json();
    const logits = p.logits as number[];
    (p.probabilities as number[]).forEach((q, k) => expect(q).toBeCloseTo(1 / (1 + Math.exp(-logits[k])), 6));
    const a = aegis('attack', '--model', join(ml, 'ml.onnx'), npy, '--method', 'pgd', '--eps', '0.5', '--steps', '10', '--class', '1', '--json').json();
    expect(a.finding).toBe(1);
    expect(a.decisionBefore).toBe(logits[1] > 0 ? 1 : 0);
    expect(a.success).toBe(a.decisionAfter !== a.decisionBefore);
    expect(aegis('attack', '--model', join(ml, 'ml.onnx'), npy, '--method', 'pgd', '--target', '1').stderr).toMatch(/choose the finding with --class K/);
  });

  it('bad input gets a plain message and a non-zero exit code', async () => {
    const nan = join(dir, 'nan.npy');
    await writeNpy(nan, { data: Float32Array.from({ length: 64 }, (_, i) => (i === 5 ? NaN : 0)), shape: [1, 1, 8, 8] });
    const r = aegis('predict', '--model', model, nan);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/value 5 is NaN/);
    const wrong = join(dir, 'wrong.npy');
    await writeNpy(wrong, { data: new Float32Array(10), shape: [10] });
    expect(aegis('predict', '--model', model, wrong).stderr).toMatch(/shape \[10\] has 10 values; the model input is \[1, 1, 8, 8\]/);
    const m = aegis('attack', '--model', model, ct, '--method', 'magic');
    expect(m.status).toBe(2);
    expect(m.stderr).toMatch(/--method must be one of fgsm, bim, pgd, mifgsm, cw, deepfool/);
    expect(aegis('attack', '--model', model, ct, '--method', 'pgd', '--target', '7').stderr).toMatch(/model has 3 classes/);
  });
});
