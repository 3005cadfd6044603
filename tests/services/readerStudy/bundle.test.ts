// A blinded bundle passes the PS3.15 basic-profile check, and nothing outside the answer key — file
// names, manifest, tags, UIDs, sizes — tells a manipulated image from a clean one.
import dcmjs from 'dcmjs';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicProfileProblems } from '../../../electron/dicom/index';
import { bundleManifestSchema, type BundleManifest } from '../../../electron/shared/readerBundleTypes';
import { exportBundle, type ExportedBundle } from '../../../electron/services/readerStudy/bundle/exportBundle';
import { mergeResults, parseResults, readAnswerKey, resultsFromStore } from '../../../electron/services/readerStudy/bundle/readerResults';
import { dciodvfyErrors } from '../../dicom/dciodvfy';
import { bundleWorkspace } from './bundleWorkspace';

let env: Awaited<ReturnType<typeof bundleWorkspace>>;
let out: ExportedBundle;
let manifest: BundleManifest;
beforeAll(async () => {
  env = await bundleWorkspace(3);
  out = await exportBundle(env.ws.db, env.store, env.studyId, join(env.root, 'export'));
  manifest = bundleManifestSchema.parse(JSON.parse(readFileSync(join(out.bundleDir, 'manifest.json'), 'utf8')));
});
afterAll(() => env?.ws.close());

/** A file's data set as dcmjs keywords → values, minus what must differ per case. */
function comparable(path: string): { meta: Record<string, unknown>; ds: Record<string, unknown> } {
  const bytes = readFileSync(path);
  const dict = dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
  const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict);
  const meta = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.meta);
  for (const k of ['PixelData', 'SOPInstanceUID', 'StudyInstanceUID', 'SeriesInstanceUID', 'FrameOfReferenceUID', 'PatientName', 'PatientID', '_vrMap']) delete ds[k];
  delete meta.MediaStorageSOPInstanceUID;
  return { meta, ds };
}

describe('reader-study bundle', () => {
  it('every image passes the basic profile (and dciodvfy finds nothing the clean file lacks)', async () => {
    const images = readdirSync(join(out.bundleDir, 'images'));
    expect(images).toHaveLength(6);
    const key = readAnswerKey(readFileSync(out.answerKeyPath), manifest.answerKeySha256);
    for (const name of images) expect(await basicProfileProblems(join(out.bundleDir, 'images', name))).toEqual([]);
    const bySource = new Map<number, string[]>();
    const store = env.store.getStudy(env.studyId);
    for (const c of key.cases) {
      const src = store.cases.find((x) => x.caseId === c.caseId)!.sourceImageId;
      const idx = store.design.sources.findIndex((s) => s.imageId === src);
      bySource.set(idx, [...(bySource.get(idx) ?? []), join(out.bundleDir, 'images', `${c.token}.dcm`)]);
    }
    for (const [clean, manip] of bySource.values()) expect(dciodvfyErrors(manip)).toEqual(dciodvfyErrors(clean));
  });

  it('no file name, manifest entry, tag, UID or size outside the answer key reveals the condition', () => {
    const key = readAnswerKey(readFileSync(out.answerKeyPath), manifest.answerKeySha256);
    const study = env.store.getStudy(env.studyId);
    const file = (token: string) => join(out.bundleDir, 'images', `${token}.dcm`);
    // 1. Per source, the clean and the manipulated file are the same in every tag but pixels and per-case ids, and the same size.
    for (const s of study.design.sources) {
      const versions = key.cases.filter((c) => study.cases.find((x) => x.caseId === c.caseId)!.sourceImageId === s.imageId);
      expect(versions.map((v) => v.conditionId).sort()).toEqual(['clean', 'ext-pgd']);
      const [a, b] = versions.map((v) => comparable(file(v.token)));
      expect(b).toEqual(a);
      expect(statSync(file(versions[0].token)).size).toBe(statSync(file(versions[1].token)).size);
    }
    // 2. No UID is shared between two cases (a shared series UID would group a source's versions or the clean images).
    const uids = key.cases.map((c) => {
      const b = readFileSync(file(c.token));
      const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dcmjs.data.DicomMessage.readFile(b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer).dict);
      return Object.entries(ds).filter(([k, v]) => /UID$/.test(k) && !/Class|TransferSyntax/.test(k) && typeof v === 'string') as [string, string][];
    });
    const all = uids.flat();
    expect(all.length).toBeGreaterThanOrEqual(3 * key.cases.length);
    expect(new Set(all.map(([, v]) => v)).size).toBe(all.length);
    // 3. Nothing in the bundle names a condition, the derivation, the sources or the case ids.
    const manifestText = readFileSync(join(out.bundleDir, 'manifest.json'), 'utf8');
    for (const word of ['ext-pgd', 'clean', 'PGD', 'imported', 'caseId', ...study.design.sources.map((s) => s.imageId)]) expect(manifestText).not.toContain(word);
    expect(manifest.cases.map((c) => c.token)).toEqual([...manifest.cases.map((c) => c.token)].sort());
    for (const c of key.cases) {
      const text = readFileSync(file(c.token)).toString('latin1');
      expect(text).not.toMatch(/ADVERSARIAL|AEGIS|DERIVED|SECONDARY|PHANTOM\^DEMO|series-1/);
      for (const p of [...env.sources, ...env.derived]) expect(text).not.toContain(p);
    }
    expect(readdirSync(out.bundleDir).sort()).toEqual(['images', 'manifest.json']);
  });

  it('a changed answer key shows; results travel by token and merge without counting anything twice', () => {
    const keyBytes = readFileSync(out.answerKeyPath);
    const key = readAnswerKey(keyBytes, manifest.answerKeySha256);
    const tampered = Buffer.from(keyBytes.toString('utf8').replace('"truth": 1', '"truth": 0'));
    expect(() => readAnswerKey(tampered, manifest.answerKeySha256)).toThrow(/does not match the bundle/);
    // r1 reads three cases in the coordinator's workspace.
    for (let i = 0; i < 3; i++) {
      const pos = env.store.position(env.studyId, 'r1');
      env.store.saveAnswer(env.studyId, 'r1', { phaseId: pos.phaseId, caseId: pos.caseId, manipulated: i === 0, confidence: 3, diagnosis: 'normal', marks: [], freeText: '', durationMs: 900, interactions: [] });
    }
    const results = resultsFromStore(env.store, env.studyId, 'r1', key);
    expect(results.answers.map((a) => a.token)).toEqual(manifest.orders.r1.warned.slice(0, 3));
    const path = join(env.root, 'r1.results.json');
    writeFileSync(path, JSON.stringify(results));
    const parsed = parseResults(readFileSync(path, 'utf8'), 'r1.results.json');
    expect(mergeResults(env.store, key, [{ name: 'a', results: parsed }, { name: 'b', results: parsed }])).toEqual([
      { name: 'a', readerId: 'r1', added: 0, duplicates: 3 },
      { name: 'b', readerId: 'r1', added: 0, duplicates: 3 },
    ]);
    expect(env.store.answers(env.studyId)).toHaveLength(3);
    const edited = JSON.stringify({ ...results, answers: results.answers.map((a, i) => (i === 0 ? { ...a, manipulated: false } : a)) });
    expect(() => parseResults(edited, 'edited.json')).toThrow(/do not match their checksum/);
    expect(createHash('sha256').update(keyBytes).digest('hex')).toBe(manifest.answerKeySha256);
  });
});
