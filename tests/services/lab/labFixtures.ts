/** Fixtures of the lab tests: tiny ONNX models with metadata, a CT slice, and a contract-checked call helper. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { create } from '@bufbuild/protobuf';
import { StringStringEntryProtoSchema, TensorProto_DataLocation } from 'onnx-buf';
import { encodeModel, GraphBuilder } from '../../../electron/engine/onnx';
import type { Backend } from '../../../electron/services/backendTypes';
import { calls, type CallInput, type CallName, type CallOutput } from '../../../electron/shared/contract';
import type { Job } from '../../../electron/shared/jobTypes';
import { tinyClassifier } from '../../engine/attacks/tinyModels';

/** Side of the test image and of the model input. */
export const SIDE = 8;
/** The window the bundled test model maps HU through: lo = −1000, hi = 1000 (one normalised unit = 2000 stored values). */
export const WINDOW = { center: 0, width: 2000 };

/** Calls a handler and parses its output with the contract, as every transport does. */
export async function call<N extends CallName>(backend: Backend, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const out = await (backend.handlers[name] as (i: unknown) => Promise<unknown>)(input);
  return calls[name].output.parse(out) as CallOutput<N>;
}

/** Polls until the job has ended. */
export async function finished(backend: Backend, jobId: string, timeoutMs = 60_000): Promise<Job> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await call(backend, 'jobs.get', { jobId });
    if (job.state !== 'queued' && job.state !== 'running') return job;
    if (Date.now() > until) throw new Error(`job ${jobId} still ${job.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Writes the 3-class tiny classifier as `<dir>/model.onnx`, with metadata.json unless `metadata` is false. */
export function writeTinyModel(dir: string, metadata = true): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'model.onnx');
  writeFileSync(path, encodeModel(tinyClassifier(SIDE, 3)));
  if (metadata) {
    writeFileSync(
      join(dir, 'metadata.json'),
      JSON.stringify({
        name: 'Tiny test classifier',
        network_data_format: {
          inputs: { image: { size: [SIDE, SIDE], channels: 1, intensity: { kind: 'window', ...WINDOW }, range: [0, 1] } },
          outputs: { out: { kind: 'logits', classes: ['normal', 'nodule', 'mass'] } },
        },
      }),
    );
    writeFileSync(join(dir, 'MODEL_CARD.md'), '# Tiny test classifier\nSynthetic; for tests only.\n');
  }
  return path;
}

/** The tiny classifier with its FC weights in an external-data file `weights/fc.bin` beside it (no metadata). */
export function writeExternalDataModel(dir: string): string {
  mkdirSync(join(dir, 'weights'), { recursive: true });
  const model = tinyClassifier(SIDE, 3);
  const fw = model.graph!.initializer.find((t) => t.name === 'fw')!;
  writeFileSync(join(dir, 'weights', 'fc.bin'), fw.rawData);
  fw.externalData = [
    create(StringStringEntryProtoSchema, { key: 'location', value: 'weights/fc.bin' }),
    create(StringStringEntryProtoSchema, { key: 'length', value: String(fw.rawData.length) }),
  ];
  fw.rawData = new Uint8Array(0);
  fw.dataLocation = TensorProto_DataLocation.EXTERNAL;
  const path = join(dir, 'model.onnx');
  writeFileSync(path, encodeModel(model));
  return path;
}

/** A model whose input has 2 channels (static), which no image can feed: Flatten → Gemm(2). */
export function writeTwoChannelModel(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const b = new GraphBuilder('two');
  const x = b.input('image', [1, 2, SIDE, SIDE]);
  const flat = b.op('Flatten', [x], { axis: 1 });
  b.op('Gemm', [flat, b.init('w', Float32Array.from({ length: 2 * 2 * SIDE * SIDE }, (_, i) => Math.cos(i)), [2, 2 * SIDE * SIDE]), b.init('b', new Float32Array(2), [2])], { transB: 1 }, 'out');
  b.output('out', [1, 2]);
  const path = join(dir, 'model.onnx');
  writeFileSync(path, encodeModel(b.build()));
  return path;
}

/**
 * A linear 2-class model on the 8×8 image (Flatten → Gemm) with the same window metadata: every
 * decision can be flipped with a large enough budget, so a robustness margin exists below 0.5.
 */
export function writeLinearModel(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const n = SIDE * SIDE;
  const b = new GraphBuilder('linear');
  const flat = b.op('Flatten', [b.input('image', [1, 1, SIDE, SIDE])], { axis: 1 });
  b.op('Gemm', [flat, b.init('w', Float32Array.from({ length: 2 * n }, (_, i) => (i < n ? 1 : -1) * (1 + Math.sin(i))), [2, n]), b.init('b', new Float32Array([-20, 0]), [2])], { transB: 1 }, 'logits');
  b.output('logits', [1, 2]);
  const path = join(dir, 'model.onnx');
  writeFileSync(path, encodeModel(b.build()));
  writeFileSync(
    join(dir, 'metadata.json'),
    JSON.stringify({
      name: 'Linear test model',
      network_data_format: {
        inputs: { image: { intensity: { kind: 'window', ...WINDOW } } },
        outputs: { logits: { kind: 'logits', classes: ['normal', 'abnormal'] } },
      },
    }),
  );
  return path;
}

/** Puts AEGIS_BUNDLED_MODELS back as a test found it (`saved`: its value before the test set it). */
export function restoreBundledModelsEnv(saved: string | undefined): void {
  if (saved === undefined) delete process.env.AEGIS_BUNDLED_MODELS;
  else process.env.AEGIS_BUNDLED_MODELS = saved;
}

/** Stored value of pixel (r, c) of the test CT slice: HU = stored − 1024 stays inside the window. */
export const ctStored = (r: number, c: number): number => 300 + ((r * 37 + c * 101) % 23) * 60;

/** Runs the .onnx at `path` on one input with onnxruntime directly and returns the softmax of its output. */
export async function softmaxOf(path: string, input: Float32Array, shape: number[]): Promise<number[]> {
  const session = await ort.InferenceSession.create(path);
  try {
    const out = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', input, shape) });
    const z = Array.from(out[session.outputNames[0]!]!.data as Float32Array);
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  } finally {
    await session.release();
  }
}
