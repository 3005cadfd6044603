// A workspace with demo phantoms indexed and, for the first `n` of them, an attacked-looking derived
// copy (pixels perturbed, written by writeDerived with its ADVERSARIAL markings) — the files a blinded
// bundle must not give away — and a study over them: clean + an imported manipulated condition.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFrame, imageIdOf, indexPaths, loadInstance, writeDerived } from '../../../electron/dicom/index';
import { generateDemoStudy } from '../../../electron/engine/phantoms/generateDemoStudy';
import { ReaderStudyStore } from '../../../electron/services/readerStudy/readerStudyStore';
import { StudyIndex } from '../../../electron/services/studies/studyIndex';
import { openWorkspace, type Workspace } from '../../../electron/services/workspace/openWorkspace';
import { testDesign } from './studyDesigns';

/** Indexes `paths` into the workspace; returns their image ids in the same order. */
async function index(ws: Workspace, paths: string[]): Promise<string[]> {
  const result = await indexPaths(paths);
  if (result.failures.length) throw new Error(result.failures[0].reason);
  new StudyIndex(ws.db).record(result);
  return paths.map((p) => imageIdOf([...result.instances.values()].find((i) => i.path === p)!.key, 0));
}

/** The workspace, its store and a study with every case's image set. */
export async function bundleWorkspace(n: number) {
  const root = mkdtempSync(join(tmpdir(), 'aegis-bundle-'));
  const ws = openWorkspace(join(root, 'ws'));
  const demoDir = join(root, 'demo');
  const demo = generateDemoStudy(demoDir).slice(0, n);
  const sources = demo.map((d) => join(demoDir, d.file));
  const derived: string[] = [];
  for (const src of sources) {
    const d = await decodeFrame(await loadInstance(src), 0);
    const stored = d.stored.map((v, i) => Math.min(d.meta.maxStored, Math.max(d.meta.minStored, v + ((i * 7919) % 5) - 2)));
    derived.push((await writeDerived({ source: src, storedPixels: stored, method: 'PGD', budget: 0.02, outDir: join(root, 'derived') })).path);
  }
  const sourceIds = await index(ws, sources);
  const derivedIds = await index(ws, derived);
  const store = new ReaderStudyStore(ws.db);
  const design = testDesign(n, {
    sources: sourceIds.map((imageId, i) => ({ imageId, truthDiagnosis: demo[i].nodulePresent ? 'nodule' : 'normal', truthPoints: [] })),
    conditions: [
      { kind: 'clean', id: 'clean' },
      { kind: 'imported', id: 'ext-pgd', label: 'PGD made elsewhere' },
    ],
    conditionsPerSource: 2,
  });
  const studyId = store.createStudy(design);
  for (const c of store.getStudy(studyId).cases) {
    if (c.conditionId === 'ext-pgd') store.setCaseImage(studyId, c.caseId, derivedIds[sourceIds.indexOf(c.sourceImageId)]);
  }
  return { root, ws, store, studyId, sources, derived };
}
