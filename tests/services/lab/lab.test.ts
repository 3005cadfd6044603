import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dcmjs from 'dcmjs';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInstance } from '../../../electron/dicom/parseInstance';
import { createBackend } from '../../../electron/services/backend';
import type { Backend } from '../../../electron/services/backendTypes';
import type { AttackRecord } from '../../../electron/shared/labTypes';
import { writeCtSlice } from '../../engine/attacks/makeDicom';
import { call, ctStored, finished, restoreBundledModelsEnv, SIDE, softmaxOf, WINDOW, writeExternalDataModel, writeLinearModel, writeTinyModel, writeTwoChannelModel } from './labFixtures';

const STUDY = '1.2.826.0.1.3680043.8.498.1';
const IMAGE = 'aegis:1.2.826.0.1.3680043.8.498.3:0';

/** Stored values of a DICOM file read with dcmjs, independently of electron/dicom. */
function dcmjsPixels(path: string): Uint16Array {
  const bytes = readFileSync(path);
  const dict = dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict) as { PixelData: ArrayBuffer[] };
  return new Uint16Array(ds.PixelData[0]!);
}

describe('the lab back end with a real engine process', () => {
  let root: string;
  let home: string;
  let backend: Backend;
  let modelPath: string;
  let original: Uint16Array;
  let record: AttackRecord;
  const savedEnv = process.env.AEGIS_BUNDLED_MODELS;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'aegis-lab-'));
    home = join(root, 'home');
    process.env.AEGIS_BUNDLED_MODELS = join(root, 'bundled');
    modelPath = writeTinyModel(join(root, 'bundled', 'tiny'));
    writeLinearModel(join(root, 'bundled', 'linear'));
    mkdirSync(join(root, 'ct'));
    original = writeCtSlice(join(root, 'ct', 'slice.dcm'), SIDE, SIDE, ctStored);
    backend = createBackend({ home });
    await call(backend, 'studies.open', { paths: [join(root, 'ct')] });
  });
  afterAll(async () => {
    await backend.close();
    restoreBundledModelsEnv(savedEnv);
    rmSync(root, { recursive: true, force: true });
  });

  it('models.list describes the bundled model: hash, classes, input shape, differentiable, card', async () => {
    const { models } = await call(backend, 'models.list', {});
    expect(models.map((m) => m.id)).toEqual(['bundled:linear', 'bundled:tiny']);
    expect(models[1]).toMatchObject({
      id: 'bundled:tiny',
      source: 'bundled',
      name: 'Tiny test classifier',
      path: modelPath,
      hash: createHash('sha256').update(readFileSync(modelPath)).digest('hex'),
      hasMetadata: true,
      classes: ['normal', 'nodule', 'mass'],
      inputShape: [1, 1, SIDE, SIDE],
      differentiable: true,
      unsupportedOps: [],
      error: null,
    });
    expect(models[1]!.card).toMatch(/for tests only/);
    expect(models[0]).toMatchObject({ name: 'Linear test model', inputShape: [1, 1, SIDE, SIDE], card: null, classes: ['normal', 'abnormal'] });
  });

  it('models.preview gives the exact window-mapped tensor, and predict.run the softmax onnxruntime computes on it', async () => {
    const preview = await call(backend, 'models.preview', { modelId: 'bundled:tiny', imageId: IMAGE });
    expect(preview.shape).toEqual([1, 1, SIDE, SIDE]);
    const lo = WINDOW.center - WINDOW.width / 2;
    original.forEach((s, i) => expect(preview.tensor[i]).toBeCloseTo((s - 1024 - lo) / WINDOW.width, 6));
    const { jobId } = await call(backend, 'predict.run', { modelId: 'bundled:tiny', imageId: IMAGE });
    const job = await finished(backend, jobId);
    expect(job.error).toBeNull();
    const result = job.result as { probabilities: number[]; classes: string[]; provider: string };
    const expected = await softmaxOf(modelPath, preview.tensor, preview.shape);
    result.probabilities.forEach((p, k) => expect(p).toBeCloseTo(expected[k]!, 5));
    expect(result.classes).toEqual(['normal', 'nodule', 'mass']);
    expect(result.provider).toBe('cpu');
  });

  it('attack.run stores a record and a derived series whose pixels re-open identical and score as recorded', async () => {
    const { jobId, attackId } = await call(backend, 'attack.run', { modelId: 'bundled:tiny', imageId: IMAGE, method: 'pgd', eps: 0.05, steps: 5, seed: 3 });
    const job = await finished(backend, jobId);
    expect(job.state, job.error ?? '').toBe('done');
    record = await call(backend, 'attacks.get', { attackId });
    expect(record).toMatchObject({ attackId, jobId, sourceImageId: IMAGE, studyInstanceUid: STUDY, params: { method: 'pgd', eps: 0.05, norm: 'linf', steps: 5, seed: 3 } });
    expect(record.model.hash).toBe(createHash('sha256').update(readFileSync(modelPath)).digest('hex'));
    expect(record.dataRange).toBe(WINDOW.width);
    // Budget kept in stored units after quantisation (the cap is floored: never over the budget).
    expect(record.norms.stored.linf).toBeLessThanOrEqual(Math.floor(0.05 * WINDOW.width + 1e-9));
    expect(record.norms.stored.linf).toBeGreaterThan(0);

    const { series } = await call(backend, 'studies.list', {});
    const derived = series.find((s) => s.imageIds.includes(record.derived.imageId));
    expect(derived).toMatchObject({ derived: true, studyInstanceUid: STUDY, seriesInstanceUid: record.derived.seriesInstanceUid });
    const px = await call(backend, 'frames.pixels', { imageId: record.derived.imageId });
    const viewer = new Uint16Array(px.data.buffer.slice(px.data.byteOffset, px.data.byteOffset + px.data.byteLength));
    expect(Array.from(viewer)).toEqual(Array.from(dcmjsPixels(record.derived.path)));

    const pert = await call(backend, 'attacks.perturbation', { attackId });
    expect(pert.maxAbs).toBe(record.norms.stored.linf);
    expect(Array.from(pert.data)).toEqual(Array.from(viewer, (v, i) => v - original[i]!));

    // "After" is what the written file produces: the model on the derived image's own tensor.
    const attacked = await call(backend, 'models.preview', { modelId: 'bundled:tiny', imageId: record.derived.imageId });
    const expected = await softmaxOf(modelPath, attacked.tensor, attacked.shape);
    record.probabilitiesAfter!.forEach((p, k) => expect(p).toBeCloseTo(expected[k]!, 5));
    expect(record.success).toBe(record.decisionAfter !== record.decisionBefore);
    expect((await call(backend, 'attacks.list', { studyInstanceUid: STUDY })).attacks.map((a) => a.attackId)).toEqual([attackId]);
    expect((await call(backend, 'attacks.list', { imageId: record.derived.imageId })).attacks).toHaveLength(1);
  });

  it('exports write the JSON record and the DICOM, and refuse to overwrite', async () => {
    const out = join(root, 'exports');
    mkdirSync(out);
    const json = await call(backend, 'attacks.exportJson', { attackId: record.attackId, folder: out, fileName: 'attack' });
    expect(json.path).toBe(join(out, 'attack.json'));
    expect(JSON.parse(readFileSync(json.path, 'utf8'))).toEqual(record);
    await expect(call(backend, 'attacks.exportJson', { attackId: record.attackId, folder: out, fileName: 'attack.json' })).rejects.toThrow(/already exists; Aegis never overwrites files. Type another file name/);
    const dcm = await call(backend, 'attacks.exportDicom', { attackId: record.attackId, folder: out });
    expect(readFileSync(dcm.path).equals(readFileSync(record.derived.path))).toBe(true);
    await expect(call(backend, 'attacks.exportDicom', { attackId: record.attackId, folder: out })).rejects.toThrow(/already exists/);
    expect(JSON.parse(readFileSync(json.path, 'utf8'))).toEqual(record); // untouched by the refused write
  });

  it('export dead ends are gone: a name field, full paths only, /proc named as a system folder, all as bad input (HTTP 400) — issue 19 item 8', async () => {
    const out = join(root, 'exports-2');
    mkdirSync(out);
    const refuse = async (input: { folder: string; fileName?: string }, message: RegExp) => {
      const err = await call(backend, 'attacks.exportDicom', { attackId: record.attackId, ...input }).then(() => null, (e: unknown) => e as { code?: string; message: string });
      expect(err?.message).toMatch(message);
      expect(err?.code).toBe('bad-input');
    };
    await refuse({ folder: 'exports-2' }, /"exports-2" is not a full path; type the whole folder path/);
    await refuse({ folder: '/proc' }, /\/proc is a system folder \(proc\), not a place for files/);
    await refuse({ folder: join(out, 'missing') }, /does not exist; create it or choose another folder/);
    await refuse({ folder: out, fileName: '../escape' }, /not a usable file name/);
    const named = await call(backend, 'attacks.exportDicom', { attackId: record.attackId, folder: out, fileName: 'case-7' });
    expect(named.path).toBe(join(out, 'case-7.dcm'));
    await refuse({ folder: out, fileName: 'case-7' }, /already exists; Aegis never overwrites files. Type another file name/);

    // De-identified for sharing: no patient identity, new UIDs, and still machine-readably adversarial.
    const shared = await call(backend, 'attacks.exportDicom', { attackId: record.attackId, folder: out, fileName: 'shared', deidentify: true });
    const ds = (await loadInstance(shared.path)).dataSet;
    expect(ds.string('x00100010')).toBe('ANONYMOUS');
    expect(ds.string('x00120062')).toBe('YES');
    const source = (await loadInstance(record.derived.path)).dataSet;
    expect(ds.string('x00080018')).not.toBe(source.string('x00080018'));
    const codes = ds.elements.x00089215!.items!.map((it) => `${it.dataSet!.string('x00080102')}:${it.dataSet!.string('x00080100')}`);
    expect(codes).toContain('99AEGIS:ADVERSARIAL');
  });

  it('imports a model without metadata (form defaults, save), refuses junk, and a mismatched input fails its job clearly', async () => {
    const imported = await call(backend, 'models.import', { path: writeTinyModel(join(root, 'user'), false) });
    expect(imported.needsMetadata).toBe(true);
    expect(imported.model).toMatchObject({ source: 'imported', hasMetadata: false, differentiable: true });
    expect(imported.suggestedMetadata.network_data_format.outputs.out?.classes).toEqual(['class 0', 'class 1', 'class 2']);
    const saved = await call(backend, 'models.saveMetadata', { modelId: imported.model.id, metadata: { ...imported.suggestedMetadata, name: 'Mine' } });
    expect(saved.model).toMatchObject({ name: 'Mine', hasMetadata: true, classes: ['class 0', 'class 1', 'class 2'] });
    await expect(call(backend, 'models.saveMetadata', { modelId: 'bundled:tiny', metadata: imported.suggestedMetadata })).rejects.toThrow(/ships with Aegis/);

    writeFileSync(join(root, 'junk.onnx'), 'not a model at all');
    await expect(call(backend, 'models.import', { path: join(root, 'junk.onnx') })).rejects.toThrow(/junk\.onnx cannot be used: .*not a valid ONNX/);
    await expect(call(backend, 'models.import', { path: join(root, 'ct', 'slice.dcm') })).rejects.toThrow(/choose an \.onnx/);

    const two = await call(backend, 'models.import', { path: writeTwoChannelModel(join(root, 'two')) });
    const bad = await finished(backend, (await call(backend, 'predict.run', { modelId: two.model.id, imageId: IMAGE })).jobId);
    expect(bad.state).toBe('failed');
    expect(bad.error).toMatch(/expects 2 channels; images can feed 1 or 3/);
    const next = await finished(backend, (await call(backend, 'predict.run', { modelId: imported.model.id, imageId: IMAGE })).jobId);
    expect(next.state).toBe('done');
    expect((await call(backend, 'models.list', {})).models.map((m) => m.name)).toEqual(['Linear test model', 'Tiny test classifier', 'Mine', 'model']);
  });

  it('imports a model with external data: the data file comes along and the copy predicts like the original', async () => {
    const source = writeExternalDataModel(join(root, 'external'));
    copyFileSync(join(root, 'bundled', 'tiny', 'metadata.json'), join(root, 'external', 'metadata.json'));
    const { model, needsMetadata } = await call(backend, 'models.import', { path: source });
    expect(needsMetadata).toBe(false);
    expect(model.hash).not.toBe(createHash('sha256').update(readFileSync(source)).digest('hex')); // the hash covers the external data too
    expect(model.error).toBeNull();
    expect(readFileSync(join(model.path, '..', 'weights', 'fc.bin')).equals(readFileSync(join(root, 'external', 'weights', 'fc.bin')))).toBe(true);
    const [a, b] = await Promise.all(
      [model.id, 'bundled:tiny'].map(async (modelId) => (await finished(backend, (await call(backend, 'predict.run', { modelId, imageId: IMAGE })).jobId)).result as { logits: number[] }),
    );
    expect(a!.logits).toHaveLength(3);
    expect(a!.logits).toEqual(b!.logits);
  });

  it('attack.margin bisects to the smallest flipping budget; saliency.run returns a map on the image grid; presets cite sources', async () => {
    const m = await finished(backend, (await call(backend, 'attack.margin', { modelId: 'bundled:linear', imageId: IMAGE, maxEps: 0.5, tolerance: 0.02, steps: 5 })).jobId);
    expect(m.state, m.error ?? '').toBe('done');
    const margin = m.result as { margin: number; robustUpTo: number; probes: { eps: number; flipped: boolean }[] };
    expect(margin.probes[0]).toEqual({ eps: 0.5, flipped: true });
    expect(margin.probes).toContainEqual({ eps: margin.margin, flipped: true });
    expect(margin.margin - margin.robustUpTo).toBeLessThanOrEqual(0.02);
    expect(margin.margin).toBeLessThan(0.5);

    const sal = await finished(backend, (await call(backend, 'saliency.run', { modelId: 'bundled:tiny', imageId: IMAGE, method: 'vanilla' })).jobId);
    expect(sal.state, sal.error ?? '').toBe('done');
    const map = sal.result as { map: Float32Array; width: number; height: number; method: string };
    expect([map.width, map.height, map.map.length]).toEqual([SIDE, SIDE, SIDE * SIDE]);
    expect(map.map.some((v) => v > 0)).toBe(true);

    const { presets } = await call(backend, 'attacks.presets', {});
    expect(presets.find((p) => p.id === 'pgd-0.02')).toMatchObject({ params: { method: 'pgd', eps: 0.02 }, reference: expect.stringMatching(/Bortsova et al\. 2021/) });
    await expect(call(backend, 'attack.run', { modelId: 'bundled:tiny', imageId: IMAGE, method: 'pgd', eps: 2, seed: 0 })).rejects.toThrow(/more than the whole intensity window/);
    await expect(call(backend, 'attack.run', { modelId: 'bundled:nope', imageId: IMAGE, method: 'fgsm', seed: 0 })).rejects.toThrow(/no model with id bundled:nope/);
    await expect(call(backend, 'attack.run', { modelId: 'bundled:tiny', imageId: 'aegis:9.9.9:0', method: 'fgsm', seed: 0 })).rejects.toThrow(/open its study first/);
  });

  it('a cancelled attack ends as cancelled and stores nothing', async () => {
    const { jobId, attackId } = await call(backend, 'attack.run', { modelId: 'bundled:tiny', imageId: IMAGE, method: 'pgd', eps: 0.02, steps: 10_000, seed: 0 });
    for (let job = await call(backend, 'jobs.get', { jobId }); job.progress < 0.03; job = await call(backend, 'jobs.get', { jobId })) {
      expect(job.state).not.toMatch(/done|failed/);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await call(backend, 'jobs.cancel', { jobId })).toEqual({ cancelled: true });
    expect((await finished(backend, jobId)).state).toBe('cancelled');
    await expect(call(backend, 'attacks.get', { attackId })).rejects.toThrow(/no stored attack/);
  });

  it('attack records and the derived series survive closing and reopening the back end', async () => {
    await backend.close();
    backend = createBackend({ home });
    const { attacks } = await call(backend, 'attacks.list', { imageId: IMAGE });
    expect(attacks).toEqual([record]);
    const { series } = await call(backend, 'studies.list', {});
    expect(series.find((s) => s.derived)?.imageIds).toEqual([record.derived.imageId]);
  });
});
