// The 'readerStudies.*' contract calls on the real back end: design → blinded reading with resume →
// results → bundle export → merge, every output parsed by the contract's schema.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeFrame, loadInstance, writeDerived } from '../../../electron/dicom/index';
import { generateDemoStudy } from '../../../electron/engine/phantoms/generateDemoStudy';
import { createBackend } from '../../../electron/services/backend';
import type { Backend } from '../../../electron/services/backendTypes';
import { ReaderStudyStore } from '../../../electron/services/readerStudy/readerStudyStore';
import { resultsFromStore, readExportedKey } from '../../../electron/services/readerStudy/bundle/readerResults';
import { openWorkspace } from '../../../electron/services/workspace/openWorkspace';
import { call, finished } from '../lab/labFixtures';
import { testDesign } from './studyDesigns';

const root = mkdtempSync(join(tmpdir(), 'aegis-rs-calls-'));
let backend: Backend | null = null;
afterAll(async () => backend?.close());

describe('readerStudies.* calls', () => {
  it('create, read blinded in order, resume after a restart, results, export and merge', async () => {
    const demoDir = join(root, 'demo');
    const demo = generateDemoStudy(demoDir).slice(0, 3);
    const fakes: string[] = [];
    for (const d of demo) {
      const src = join(demoDir, d.file);
      const f = await decodeFrame(await loadInstance(src), 0);
      fakes.push((await writeDerived({ source: src, storedPixels: f.stored.map((v) => Math.max(f.meta.minStored, v - 1)), method: 'test', budget: 0.001, outDir: join(root, 'fakes') })).path);
    }
    backend = createBackend({ home: join(root, 'ws') });
    const opened = await call(backend, 'studies.open', { paths: [demoDir, join(root, 'fakes')] });
    const all = opened.series.flatMap((s) => s.imageIds);
    const clean = opened.series.filter((s) => !s.derived).flatMap((s) => s.imageIds).slice(0, 3);
    expect(all.length).toBeGreaterThanOrEqual(6);
    const design = testDesign(3, {
      sources: clean.map((imageId) => ({ imageId, truthDiagnosis: 'normal', truthPoints: [] })),
      conditions: [
        { kind: 'clean', id: 'clean' },
        { kind: 'imported', id: 'fake', label: 'made elsewhere' },
      ],
      conditionsPerSource: 2,
    });
    const { studyId } = await call(backend, 'readerStudies.create', { design });
    const got = await call(backend, 'readerStudies.get', { studyId });
    const derivedIds = opened.series.filter((s) => s.derived).flatMap((s) => s.imageIds);
    for (const c of got.cases.filter((x) => x.conditionId === 'fake')) {
      await call(backend, 'readerStudies.setCaseImage', { studyId, caseId: c.caseId, imageId: derivedIds[clean.indexOf(c.sourceImageId)] });
    }
    await expect(call(backend, 'readerStudies.setCaseImage', { studyId, caseId: 1, imageId: 'aegis:nope:0' })).rejects.toThrow(/not open in this workspace/);
    let state = await call(backend, 'readerStudies.reading', { studyId, readerId: 'r1' });
    expect(state).toMatchObject({ answered: 0, total: 6, phase: { id: 'warned' } });
    expect(JSON.stringify(state)).not.toMatch(/fake|clean/);
    for (let i = 0; i < 4; i++) {
      state = await call(backend, 'readerStudies.answer', {
        studyId,
        readerId: 'r1',
        answer: { phaseId: 'warned', caseId: state.caseId!, manipulated: i % 2 === 0, confidence: 2 + (i % 3), diagnosis: 'normal', marks: [], freeText: '', durationMs: 500, interactions: [] },
      });
    }
    expect(state.answered).toBe(4);
    await expect(call(backend, 'readerStudies.answer', { studyId, readerId: 'r1', answer: { phaseId: 'warned', caseId: 999, manipulated: true, confidence: 3, diagnosis: 'normal', marks: [], freeText: '', durationMs: 1, interactions: [] } })).rejects.toThrow(/cases are read in order/);
    await backend.close();
    backend = createBackend({ home: join(root, 'ws') });
    const resumed = await call(backend, 'readerStudies.reading', { studyId, readerId: 'r1' });
    expect(resumed).toMatchObject({ answered: 4, caseId: state.caseId, imageId: state.imageId });
    for (let s = resumed; s.caseId !== null; ) {
      s = await call(backend, 'readerStudies.answer', { studyId, readerId: 'r1', answer: { phaseId: 'warned', caseId: s.caseId, manipulated: false, confidence: 1, diagnosis: 'normal', marks: [], freeText: '', durationMs: 500, interactions: [] } });
    }
    const results = await call(backend, 'readerStudies.results', { studyId });
    expect(results.phases[0].pooled.sensitivity!.n).toBe(3);
    expect(results.phases[0].readers[0].auc!.negatives).toBe(3);
    const exported = await call(backend, 'readerStudies.export', { studyId, outDir: join(root, 'export') });
    expect(exported.cases).toBe(6);
    // The reader's results file, as `aegis study results` writes it, merges once.
    const ws = openWorkspace(join(root, 'ws'));
    const file = join(root, 'r1.json');
    writeFileSync(file, JSON.stringify(resultsFromStore(new ReaderStudyStore(ws.db), studyId, 'r1', readExportedKey(join(root, 'export')))));
    ws.close();
    const merged = await call(backend, 'readerStudies.merge', { bundleDir: join(root, 'export'), resultFiles: [file] });
    expect(merged.merged[0]).toMatchObject({ readerId: 'r1', added: 0, duplicates: 6 });
    await expect(call(backend, 'readerStudies.get', { studyId: 'nope' })).rejects.toThrow(/no reader study/);
  });

  it('readerStudies.generate makes the attacked images as a job on the attack road; cancel keeps what was made', { timeout: 600_000 }, async () => {
    backend ??= createBackend({ home: join(root, 'ws') });
    const series = (await call(backend, 'studies.list', {})).series.filter((s) => !s.derived);
    const sources = series.flatMap((s) => s.imageIds).slice(0, 2).map((imageId) => ({ imageId, truthDiagnosis: null, truthPoints: [] }));
    const modelId = 'bundled:demo-nodule-classifier';
    const design = testDesign(2, { sources, conditions: [{ kind: 'clean', id: 'clean' }, { kind: 'attack', id: 'pgd-0.02', method: 'pgd', eps: 0.02, steps: 2 }], conditionsPerSource: 2 });
    const { studyId } = await call(backend, 'readerStudies.create', { design });
    const started = await call(backend, 'readerStudies.generate', { studyId, modelId });
    expect(started.missing).toBe(2);
    const job = await finished(backend, started.jobId, 500_000);
    expect(job).toMatchObject({ kind: 'readerStudies.generate', state: 'done', message: 'Finished', error: null });
    const cases = (await call(backend, 'readerStudies.get', { studyId })).cases;
    const attacked = cases.filter((c) => c.conditionId === 'pgd-0.02');
    expect(attacked.every((c) => c.imageId !== null && c.imageId !== c.sourceImageId)).toBe(true);
    const derived = (await call(backend, 'studies.list', {})).series.filter((s) => s.derived).flatMap((s) => s.imageIds);
    for (const c of attacked) expect(derived).toContain(c.imageId);
    // A second study, cancelled at once: the job ends cancelled, nothing half-made is recorded.
    const second = await call(backend, 'readerStudies.create', { design: { ...design, seed: 9 } });
    const run = await call(backend, 'readerStudies.generate', { studyId: second.studyId, modelId });
    expect(await call(backend, 'jobs.cancel', { jobId: run.jobId })).toEqual({ cancelled: true });
    expect((await finished(backend, run.jobId, 500_000)).state).toBe('cancelled');
    const left = (await call(backend, 'readerStudies.get', { studyId: second.studyId })).cases.filter((c) => c.imageId === null);
    expect(left.length).toBeGreaterThan(0);
  });
});
