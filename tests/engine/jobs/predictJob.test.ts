import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineHost } from '../../../electron/services/engineHost';
import { JobStore } from '../../../electron/services/jobStore';
import { forkEngine } from '../../../electron/services/forkEngine';
import { openWorkspace, type Workspace } from '../../../electron/services/workspace/openWorkspace';
import { encodeModel, GraphBuilder } from '../../../electron/engine/onnx/index';
import { encodeNpy } from '../../../electron/engine/io/npy';
import type { PredictResult } from '../../../electron/shared/jobResults';
import { writeSeries, type WrittenSlice } from '../../services/studyFiles';

const SIDE = 8;
const WINDOW = { center: -1024, width: 65536 };

/** A linear classifier on an 8×8 image: logits = W·flatten(x) + b, W and b fixed and known. */
function linearModel(dir: string): { path: string; w: Float32Array; b: Float32Array } {
  const n = SIDE * SIDE;
  const w = Float32Array.from({ length: 2 * n }, (_, i) => Math.sin(i * 0.37) * 0.8);
  const bias = new Float32Array([0.1, -0.2]);
  const g = new GraphBuilder();
  const x = g.input('image', [1, 1, SIDE, SIDE]);
  const flat = g.op('Flatten', [x], { axis: 1 });
  const wt = g.init('w', w, [2, n]);
  const bb = g.init('b', bias, [2]);
  g.op('Gemm', [flat, wt, bb], { transB: 1 }, 'logits');
  g.output('logits', [1, 2]);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'model.onnx');
  writeFileSync(path, encodeModel(g.build()));
  writeFileSync(
    join(dir, 'metadata.json'),
    JSON.stringify({
      name: 'linear',
      network_data_format: {
        inputs: { image: { size: [SIDE, SIDE], channels: 1, intensity: { kind: 'window', ...WINDOW }, range: [0, 1] } },
        outputs: { logits: { kind: 'logits', classes: ['normal', 'nodule'] } },
      },
    }),
  );
  return { path, w, b: bias };
}

describe("the 'predict' job in the engine process", () => {
  let root: string;
  let ws: Workspace;
  let jobs: JobStore;
  let host: EngineHost;
  let model: ReturnType<typeof linearModel>;
  let slice: WrittenSlice;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'aegis-predict-'));
    model = linearModel(join(root, 'model'));
    [slice] = writeSeries({ dir: join(root, 'ct'), patientName: 'P', studyUid: '1.2.5', seriesUid: '1.2.5.1', seriesNumber: 1, slices: 1, rows: SIDE, columns: SIDE }) as [WrittenSlice];
    ws = openWorkspace(join(root, 'home'));
    jobs = new JobStore(ws.db, () => undefined);
    host = new EngineHost({ spawn: forkEngine(), jobs });
  });
  afterAll(async () => {
    await host.close();
    ws.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('scores a DICOM frame exactly as its metadata.json pipeline says', async () => {
    const job = await jobs.wait(host.submit('predict', { model: model.path, image: slice.path }));
    expect(job.error).toBeNull();
    const result = job.result as PredictResult;
    // By hand: HU = stored − 1024, windowed onto [0, 1], then the linear layer and a softmax.
    const lo = WINDOW.center - WINDOW.width / 2;
    const x = Array.from(slice.values, (v) => Math.min(1, Math.max(0, (v - 1024 - lo) / WINDOW.width)));
    const logits = [0, 1].map((k) => x.reduce((s, xi, i) => s + xi * model.w[k * SIDE * SIDE + i]!, model.b[k]!));
    const e = logits.map((z) => Math.exp(z - Math.max(...logits)));
    const probs = e.map((v) => v / (e[0]! + e[1]!));
    expect(result.classes).toEqual(['normal', 'nodule']);
    expect(result.outputKind).toBe('logits');
    expect(result.provider).toBe('cpu');
    result.logits!.forEach((z, k) => expect(z).toBeCloseTo(logits[k]!, 4));
    result.probabilities!.forEach((p, k) => expect(p).toBeCloseTo(probs[k]!, 5));
    expect(result.decision).toBe(logits[1]! > logits[0]! ? 1 : 0);
  });

  it('scores a raw .npy model input, and refuses a stack of several', async () => {
    const one = join(root, 'one.npy');
    const x = Float32Array.from({ length: SIDE * SIDE }, (_, i) => (i % 5) / 4);
    writeFileSync(one, encodeNpy({ data: x, shape: [1, 1, SIDE, SIDE] }));
    const job = await jobs.wait(host.submit('predict', { model: model.path, image: one }));
    const expected = [0, 1].map((k) => x.reduce((s, xi, i) => s + xi * model.w[k * SIDE * SIDE + i]!, model.b[k]!));
    (job.result as PredictResult).logits!.forEach((z, k) => expect(z).toBeCloseTo(expected[k]!, 4));
    const two = join(root, 'two.npy');
    writeFileSync(two, encodeNpy({ data: new Float32Array(2 * SIDE * SIDE), shape: [2, 1, SIDE, SIDE] }));
    const refused = await jobs.wait(host.submit('predict', { model: model.path, image: two }));
    expect(refused.error).toMatch(/two\.npy: holds 2 stacked inputs; a prediction job scores one image/);
  });

  it('fails in plain words on a file that is not a model, and the engine carries on', async () => {
    const bogus = join(root, 'bogus.onnx');
    writeFileSync(bogus, 'definitely not protobuf');
    const failed = await jobs.wait(host.submit('predict', { model: bogus, image: slice.path }));
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/bogus\.onnx: not a valid ONNX/);
    expect((await jobs.wait(host.submit('predict', { model: model.path, image: slice.path }))).state).toBe('done');
  });
});
