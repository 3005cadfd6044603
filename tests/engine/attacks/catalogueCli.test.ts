import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readNpy } from '../../../electron/engine/io/npy';
import { encodeModel, GraphBuilder } from '../../../electron/engine/onnx';
import { writeCtSlice } from './makeDicom';
import { tinyClassifier, tinyLinear, tinySegmenter } from './tinyModels';

const dir = mkdtempSync(join(tmpdir(), 'aegis-catalogue-cli-'));
const ct = join(dir, 'ct.dcm');
const meta = (classes: string[]) => JSON.stringify({ name: 'tiny', network_data_format: { inputs: { image: { intensity: { kind: 'window', center: 40, width: 400 } } }, outputs: { out: { kind: 'logits', classes } } } });

function aegis(...args: string[]) {
  const r = spawnSync('node', ['bin/aegis.js', ...args], { encoding: 'utf8', env: { ...process.env, AEGIS_HOME: dir, XDG_CACHE_HOME: dir } });
  return { ...r, json: () => JSON.parse(r.stdout) as Record<string, unknown> };
}

/** The tiny linear classifier behind a Local Response Normalization (an AlexNet-era op the gradient compiler has no rule for). */
function lrnLinear(): Uint8Array {
  const inner = tinyLinear(8, 2);
  const b = new GraphBuilder('q');
  const x = b.input('image', ['N', 1, 8, 8]);
  const normalised = b.op('LRN', [x], { size: 1, alpha: 1e-4, beta: 0.75, bias: 1 });
  const g = inner.graph!;
  for (const n of g.node) b.nodes.push({ ...n, input: n.input.map((i) => (i === 'image' ? normalised : i)) });
  b.initializers.push(...g.initializer);
  b.output('out', ['N', 2]);
  return encodeModel(b.build());
}

beforeAll(() => {
  for (const [sub, bytes, classes] of [
    ['cls', encodeModel(tinyClassifier(8, 3)), ['a', 'b', 'c']],
    ['seg', encodeModel(tinySegmenter(8)), ['bg', 'lung', 'heart']],
    ['lrn', lrnLinear(), ['absent', 'present']],
  ] as const) {
    mkdirSync(join(dir, sub));
    writeFileSync(join(dir, sub, 'model.onnx'), bytes);
    writeFileSync(join(dir, sub, 'metadata.json'), meta([...classes]));
  }
  writeCtSlice(ct, 24, 20, (r, c) => 1024 + Math.round(200 * Math.sin(r * 0.5 + c * 0.3)), 'MONOCHROME2', { PixelSpacing: [0.7, 0.7] });
});

describe('aegis attack with the catalogue\'s query, physical, segmentation and ensemble attacks', () => {
  it('square reports the queries it used, within the budget, and the L∞ budget holds after quantisation', () => {
    const r = aegis('attack', '--model', join(dir, 'cls', 'model.onnx'), ct, '--method', 'square', '--eps', '0.05', '--queries', '200', '--json');
    expect(r.stderr).toBe('');
    const a = r.json();
    expect(typeof a.success).toBe('boolean');
    expect(a.queries as number).toBeGreaterThan(0);
    expect(a.queries as number).toBeLessThanOrEqual(200);
    expect((a.norms as { normalised: { linf: number } }).normalised.linf).toBeLessThanOrEqual(0.05);
  });

  it('hopskipjump runs on a model the gradient compiler refuses (LRN) and flips it', () => {
    const model = join(dir, 'lrn', 'model.onnx');
    const info = aegis('info', model, '--json').json();
    expect(info.unsupportedOps).toContain('LRN');
    const pgd = aegis('attack', '--model', model, ct, '--method', 'pgd', '--json');
    expect(pgd.status).not.toBe(0);
    const r = aegis('attack', '--model', model, ct, '--method', 'hopskipjump', '--queries', '1000', '--json');
    expect(r.stderr).toBe('');
    expect(r.json().success).toBe(true);
  });

  it('the elastic attack reads the pixel spacing and keeps its displacement budget in mm', () => {
    const r = aegis('attack', '--model', join(dir, 'cls', 'model.onnx'), ct, '--method', 'elastic', '--displacement', '1.5', '--steps', '5', '--json');
    expect(r.stderr).toBe('');
    expect(r.json().displacementMm).toBe(1.5);
  });

  it('asma reports Dice and IoU before and after against the clean mask', () => {
    const r = aegis('attack', '--model', join(dir, 'seg', 'model.onnx'), ct, '--method', 'asma', '--eps', '0.3', '--steps', '20', '--json');
    expect(r.stderr).toBe('');
    const seg = r.json().overlap as { diceBefore: number; diceAfter: number; iouAfter: number };
    expect(seg.diceBefore).toBe(1);
    expect(seg.diceAfter).toBeLessThan(1);
    expect(seg.iouAfter).toBeLessThanOrEqual(seg.diceAfter);
  });

  it('ensemble names the attack that won', () => {
    const a = aegis('attack', '--model', join(dir, 'cls', 'model.onnx'), ct, '--method', 'ensemble', '--eps', '0.1', '--steps', '10', '--queries', '100', '--json').json();
    expect(a.winner).toMatch(/^(apgd|square)/);
  });

  it('uap trains on a folder, writes a [C, H, W] .npy within eps, and --apply reports the fooling rate with its interval', async () => {
    const data = join(dir, 'data');
    mkdirSync(data);
    for (let k = 0; k < 4; k++) writeCtSlice(join(data, `s${k}.dcm`), 24, 20, (r, c) => 1024 + Math.round(150 * Math.sin(r * 0.4 + c * 0.2 + k)));
    const out = join(dir, 'uap.npy');
    const t = aegis('uap', '--model', join(dir, 'cls', 'model.onnx'), '--data', data, '--eps', '0.05', '--out', out, '--epochs', '3', '--json');
    expect(t.stderr).toBe('');
    const arr = await readNpy(out);
    expect(arr.shape).toEqual([1, 24, 20]); // rows 24, columns 20
    for (const v of arr.data as Float32Array) expect(Math.abs(v)).toBeLessThanOrEqual(0.05 + 1e-7);
    const a = aegis('uap', '--model', join(dir, 'cls', 'model.onnx'), '--apply', out, '--data', data, '--json').json();
    const rate = a.foolingRate as { k: number; n: number; low: number; high: number };
    expect(rate.n).toBe(4);
    expect(rate.low).toBeLessThanOrEqual(rate.k / 4);
    expect(rate.high).toBeGreaterThanOrEqual(rate.k / 4);
  });
});
