/** `aegis saliency` end to end on a tiny ONNX classifier and a CT slice. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readNpy } from '../../../electron/engine/io/npy';
import { encodeModel } from '../../../electron/engine/onnx';
import { writeCtSlice } from '../attacks/makeDicom';
import { tinyClassifier } from '../attacks/tinyModels';

const dir = mkdtempSync(join(tmpdir(), 'aegis-saliency-cli-'));
const model = join(dir, 'tiny.onnx');
const ct = join(dir, 'ct.dcm');

function aegis(...args: string[]) {
  const r = spawnSync('node', ['bin/aegis.js', 'saliency', ...args], { encoding: 'utf8', env: { ...process.env, AEGIS_HOME: dir, XDG_CACHE_HOME: dir } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  writeFileSync(model, encodeModel(tinyClassifier(8, 3)));
  writeFileSync(
    join(dir, 'metadata.json'),
    JSON.stringify({ network_data_format: { inputs: { image: { size: [8, 8], intensity: { kind: 'window', center: 40, width: 400 } } }, outputs: { out: { kind: 'logits', classes: ['normal', 'nodule', 'mass'] } } } }),
  );
  writeCtSlice(ct, 24, 20, (r, c) => 1024 + Math.round(200 * Math.sin(r * 0.5 + c * 0.3)));
});

describe('aegis saliency', () => {
  it('writes a Grad-CAM map on the model grid and names the layer it chose', async () => {
    const out = join(dir, 'cam.npy');
    const r = aegis('--model', model, ct, '--method', 'gradcam', '--out', out, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.method).toBe('Grad-CAM');
    expect(report.params.layerChoice).toMatch(/GlobalAveragePool/);
    const map = await readNpy(out);
    expect(map.shape).toEqual([8, 8]);
    expect(Math.max(...(map.data as Float32Array))).toBeLessThanOrEqual(1);
  });

  it('reports Integrated Gradients completeness and a sanity check', () => {
    const r = aegis('--model', model, ct, '--method', 'ig', '--steps', '64', '--sanity', '--class', '2', '--out', join(dir, 'ig.png'), '--json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.className).toBe('mass');
    expect(report.completeness.relativeGap).toBeLessThan(0.05);
    expect(typeof report.sanity.spearmanAbs).toBe('number');
  });

  it('takes a blurred or constant IG baseline and states it', () => {
    const r = aegis('--model', model, ct, '--method', 'ig', '--baseline', 'blurred', '--out', join(dir, 'igb.npy'), '--json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.params.baseline).toBe('blurred');
    expect(report.completeness.relativeGap).toBeLessThan(0.05);
    const bad = aegis('--model', model, ct, '--method', 'ig', '--baseline', 'grey', '--out', join(dir, 'x.npy'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--baseline must be black, blurred or a number/);
  });

  it('refuses an unknown method with a clear message', () => {
    const r = aegis('--model', model, ct, '--method', 'guided', '--out', join(dir, 'x.npy'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--method must be one of vanilla, smoothgrad, ig, gradcam, hirescam, occlusion/);
  });
});
