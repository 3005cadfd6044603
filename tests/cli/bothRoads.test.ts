/**
 * One road for the app and the CLI (issue 12 item 3): on the demo nodule classifier and a synthetic
 * chest phantom, the app's jobs (services → engine process) and `aegis predict / saliency / attack /
 * detect` give the same numbers and the same bytes. The second part runs the 'attack' job kind and
 * `aegis attack --out X.dcm` in one process with the UID source and the clock pinned, and compares
 * the two derived DICOM files byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import dcmjs from 'dcmjs';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attack } from '../../electron/cli/commands/attack';
import { detect } from '../../electron/cli/commands/detect';
import { phantoms } from '../../electron/cli/commands/phantoms';
import { predict } from '../../electron/cli/commands/predict';
import { saliency } from '../../electron/cli/commands/saliency';
import type { Command } from '../../electron/cli/command';
import { imageIdOf } from '../../electron/dicom/index';
import { parseNpy } from '../../electron/engine/io/npy';
import { registerProductKinds } from '../../electron/engine/jobs/productKinds';
import { JobRegistry } from '../../electron/engine/jobs/registry';
import { createBackend } from '../../electron/services/backend';
import type { Backend } from '../../electron/services/backendTypes';
import { jobResult, JOB_KINDS } from '../../electron/shared/jobKinds';
import { call, finished, restoreBundledModelsEnv } from '../services/lab/labFixtures';

let uidCounter = 0;
vi.mock('../../electron/dicom/uid', () => ({ newUid: () => `2.25.${1000 + ++uidCounter}` }));

const DEMO = 'demo-nodule-classifier';
const SCORE_KEYS = [
  'decisionBefore', 'decisionAfter', 'probabilitiesBefore', 'probabilitiesBeforeQuantisation', 'probabilitiesAfter', 'pixelsKept',
  'successBeforeQuantisation', 'success', 'norms', 'ssim', 'psnr', 'dataRange', 'iterations',
] as const;

/** Runs a CLI command in this process and returns the JSON it printed. */
async function cli(command: Command, ...argv: string[]): Promise<Record<string, unknown>> {
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: unknown) => void printed.push(String(s)));
  try {
    expect(await command.run(argv)).toBe(0);
  } finally {
    log.mockRestore();
  }
  return JSON.parse(printed.join('\n')) as Record<string, unknown>;
}

/** PixelData of a DICOM file as bytes, read with dcmjs (independently of electron/dicom). */
function pixelData(path: string): { pixels: Uint8Array; description: string } {
  const b = readFileSync(path);
  const dict = dcmjs.data.DicomMessage.readFile(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict) as { PixelData: ArrayBuffer[]; DerivationDescription: string };
  return { pixels: new Uint8Array(ds.PixelData[0]!), description: ds.DerivationDescription };
}

const pick = (o: Record<string, unknown>, keys: readonly string[]) => JSON.stringify(keys.map((k) => [k, o[k]]));
const npyBytes = (path: string) => {
  const a = parseNpy(readFileSync(path));
  return new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
};
const f32Bytes = (a: Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

let root: string;
let model: string;
let image: string;
const savedEnv = process.env.AEGIS_BUNDLED_MODELS;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'aegis-both-roads-'));
  const bundled = join(root, 'bundled', DEMO);
  mkdirSync(bundled, { recursive: true });
  for (const f of ['model.onnx', 'metadata.json']) copyFileSync(join('native-models', DEMO, f), join(bundled, f));
  model = join(bundled, 'model.onnx');
  process.env.AEGIS_BUNDLED_MODELS = join(root, 'bundled');
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await phantoms.run(['--out', join(root, 'phantoms'), '--count', '6']).finally(() => log.mockRestore());
  image = join(root, 'phantoms', 'PHANTOM_1.dcm');
});
afterAll(() => {
  restoreBundledModelsEnv(savedEnv);
  rmSync(root, { recursive: true, force: true });
});

describe('the app\'s jobs and the CLI give the same outputs (demo classifier, phantom)', () => {
  let backend: Backend;
  let imageId: string;
  const modelId = `bundled:${DEMO}`;

  beforeAll(async () => {
    backend = createBackend({ home: join(root, 'home') });
    await call(backend, 'studies.open', { paths: [join(root, 'phantoms')] });
    const b = readFileSync(image);
    const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dcmjs.data.DicomMessage.readFile(b.buffer.slice(b.byteOffset, b.byteOffset + b.length)).dict) as { SOPInstanceUID: string };
    imageId = imageIdOf(ds.SOPInstanceUID, 0);
  });
  afterAll(async () => {
    await backend.close();
  });

  const run = async <K extends keyof typeof JOB_KINDS>(kind: K, jobId: string) => {
    const job = await finished(backend, jobId, 300_000);
    expect(job.state, job.error ?? '').toBe('done');
    return jobResult(job, kind);
  };

  it('predict: the job result is, byte for byte, the CLI JSON without its model/image/imageKind', async () => {
    const viaJob = await run('predict', (await call(backend, 'predict.run', { modelId, imageId })).jobId);
    const { model: m, image: i, imageKind, ...viaCli } = await cli(predict, '--model', model, image, '--json');
    expect([m, i, imageKind]).toEqual([model, image, 'dicom']);
    expect(JSON.stringify(viaCli)).toBe(JSON.stringify(viaJob));
  });

  it('saliency: the job map and `--grid image` map are the same bytes, with the same method facts', async () => {
    const viaJob = await run('saliency', (await call(backend, 'saliency.run', { modelId, imageId, method: 'vanilla' })).jobId);
    const out = join(root, 'map.npy');
    const viaCli = await cli(saliency, '--model', model, image, '--method', 'vanilla', '--grid', 'image', '--out', out, '--json');
    expect(viaJob.map.length).toBe(512 * 512);
    expect(Buffer.from(npyBytes(out)).equals(Buffer.from(f32Bytes(viaJob.map)))).toBe(true);
    const keys = ['method', 'params', 'classIndex', 'className', 'note', 'width', 'height'];
    expect(pick(viaCli, keys)).toBe(pick(viaJob, keys));
  });

  it('attack: same scores, and the derived DICOM written by each carries the same pixel bytes and description', async () => {
    const params = { method: 'pgd', eps: 0.02, norm: 'linf', steps: 3, seed: 5 } as const;
    const viaJob = await run('attack', (await call(backend, 'attack.run', { modelId, imageId, ...params })).jobId);
    const out = join(root, 'adv.dcm');
    const viaCli = await cli(attack, '--model', model, image, '--method', 'pgd', '--eps', '0.02', '--norm', 'linf', '--steps', '3', '--seed', '5', '--out', out, '--json');
    expect(pick(viaCli, SCORE_KEYS)).toBe(pick(viaJob, SCORE_KEYS));
    expect(viaJob.norms.stored.l0).toBeGreaterThan(0);
    const [a, b] = [pixelData(viaJob.derived.path), pixelData(out)];
    expect(Buffer.from(a.pixels).equals(Buffer.from(b.pixels))).toBe(true);
    expect(a.description).toBe(b.description);
  });

  it('detect: same scores and the same heatmap bytes against the app\'s own calibration', async () => {
    const { series } = await call(backend, 'studies.list', {});
    const imageIds = series.filter((s) => !s.derived).flatMap((s) => s.imageIds);
    expect(imageIds).toHaveLength(6);
    // Six clean images support a false-positive rate of 25 % or more (calibrateDetectors).
    await run('detect.calibrate', (await call(backend, 'detect.calibrate', { modelId, imageIds, fpr: 0.25 })).jobId);
    const viaJob = await run('detect', (await call(backend, 'detect.run', { modelId, imageId })).jobId);
    const calDir = join(root, 'home', 'calibrations', readdirSync(join(root, 'home', 'calibrations'))[0]!);
    const heat = join(root, 'heat.npy');
    const viaCli = await cli(detect, '--model', model, '--calibration', calDir, image, '--heatmap-kind', viaJob.heatmap.kind, '--heatmap', heat, '--json');
    expect(Buffer.from(npyBytes(heat)).equals(Buffer.from(f32Bytes(viaJob.heatmap.data)))).toBe(true);
    expect(JSON.stringify([viaCli.decision, viaCli.probabilities, viaCli.detectors])).toBe(JSON.stringify([viaJob.decision, viaJob.probabilities, viaJob.detectors]));
    expect(JSON.stringify(viaCli.suspicion)).toBe(JSON.stringify({ combined: viaJob.combined, threshold: viaJob.threshold, fpr: viaJob.fpr, flagged: viaJob.flagged }));
  }, 600_000);
});

describe('the attack job kind and `aegis attack --out X.dcm` write byte-identical DICOM', () => {
  it('with the UID source and the clock pinned, the two files are equal byte for byte', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const payload = { model, image, method: 'fgsm', eps: 0.01, norm: 'linf', steps: 1, seed: 2, outDir: join(root, 'job-out'), modelName: DEMO } as const;
      const kind = registerProductKinds(new JobRegistry()).get('attack')!;
      vi.setSystemTime(new Date('2026-01-02T03:04:05Z'));
      uidCounter = 0;
      const viaJob = JOB_KINDS.attack.result.parse(await kind.run(kind.payload.parse(payload), { signal: new AbortController().signal, progress: () => undefined }));
      vi.setSystemTime(new Date('2026-01-02T03:04:05Z'));
      uidCounter = 0;
      const out = join(root, 'cli-out.dcm');
      const viaCli = await cli(attack, '--model', model, image, '--method', 'fgsm', '--eps', '0.01', '--steps', '1', '--seed', '2', '--out', out, '--json');
      const [a, b] = [readFileSync(viaJob.derived.path), readFileSync(out)];
      expect(a.length).toBeGreaterThan(512 * 512);
      expect(a.equals(b)).toBe(true);
      expect(pick(viaCli, SCORE_KEYS)).toBe(pick(viaJob, SCORE_KEYS));
    } finally {
      vi.useRealTimers();
    }
  });
});
