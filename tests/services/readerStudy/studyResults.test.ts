import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { analyseMrmc } from '../../../electron/engine/stats/mrmc';
import { wilsonInterval } from '../../../electron/engine/stats/wilsonInterval';
import { ReaderStudyStore } from '../../../electron/services/readerStudy/readerStudyStore';
import { ratingsDataset } from '../../../electron/services/readerStudy/studyRatings';
import { studyResults } from '../../../electron/services/readerStudy/studyResults';
import { migrate } from '../../../electron/services/workspace/migrate';
import { migrations } from '../../../electron/services/workspace/migrations';
import { seededRandom } from '../../../electron/engine/stats/seededRandom';
import { testDesign } from './studyDesigns';

/** Reads a whole study: reader r calls a case manipulated with a seeded, truth-dependent probability. */
function readAll(store: ReaderStudyStore, id: string, skill: Record<string, number>) {
  const study = store.getStudy(id);
  const truth = new Map(study.cases.map((c) => [c.caseId, c]));
  for (const reader of study.design.readers) {
    const rand = seededRandom(reader.id.length * 97 + skill[reader.id] * 1000);
    for (let pos = store.position(id, reader.id); pos.caseId !== null; pos = store.position(id, reader.id)) {
      const c = truth.get(pos.caseId)!;
      const warned = study.design.phases.find((p) => p.id === pos.phaseId)!.warned;
      const yes = rand() < (c.truth ? skill[reader.id] : 1 - skill[reader.id]);
      store.saveAnswer(id, reader.id, {
        phaseId: pos.phaseId,
        caseId: pos.caseId,
        manipulated: warned ? yes : null,
        confidence: warned ? 1 + Math.floor(rand() * 5) : null,
        diagnosis: rand() < 0.8 ? c.truthDiagnosis : 'normal',
        marks: yes && c.truth ? [{ x: c.truthPoints[0][0] + 3, y: c.truthPoints[0][1], tMs: 50 }] : [],
        freeText: '',
        durationMs: 1500,
        interactions: [],
      });
    }
  }
}

function newStore(): ReaderStudyStore {
  const db = new Database(':memory:');
  migrate(db, migrations, ':memory:');
  return new ReaderStudyStore(db);
}

describe('studyResults', () => {
  it('per reader and pooled figures carry their n and intervals; conditions, diagnosis, localisation, kappa; pre/post MRMC', () => {
    const store = newStore();
    const design = testDesign(10, {
      phases: [
        { id: 'unwarned', label: 'Unwarned', kind: 'test', warned: false, caseSet: 'test' },
        { id: 'pre', label: 'Warned, before training', kind: 'test', warned: true, caseSet: 'test' },
        { id: 'post', label: 'Warned, after training', kind: 'test', warned: true, caseSet: 'test' },
      ],
      readers: [
        { id: 'r1', name: 'A' },
        { id: 'r2', name: 'B' },
        { id: 'r3', name: 'C' },
      ],
    });
    const id = store.createStudy(design);
    readAll(store, id, { r1: 0.8, r2: 0.7, r3: 0.6 });
    const study = store.getStudy(id);
    const answers = store.answers(id);
    expect(answers).toHaveLength(3 * 3 * 30);
    const res = studyResults(study.design, study.cases, answers);
    const pre = res.phases.find((p) => p.phaseId === 'pre')!;
    const r1 = pre.readers.find((r) => r.readerId === 'r1')!;
    const mine = answers.filter((a) => a.phaseId === 'pre' && a.readerId === 'r1');
    const truthOf = (caseId: number) => study.cases.find((c) => c.caseId === caseId)!.truth;
    const tp = mine.filter((a) => truthOf(a.caseId) === 1 && a.manipulated).length;
    expect(r1.sensitivity).toEqual(wilsonInterval(tp, 20));
    expect(r1.specificity!.n).toBe(10);
    expect(pre.pooled.sensitivity!.n).toBe(60);
    expect(pre.conditions.map((c) => [c.conditionId, c.detection.n])).toEqual([
      ['pgd-0.02', 30],
      ['fgsm-0.02', 30],
    ]);
    expect(r1.auc!.negatives).toBe(10);
    expect(r1.roc[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(r1.roc.at(-1)).toEqual({ fpr: 1, tpr: 1 });
    expect(pre.readerAveragedAuc!.readers).toBe(3);
    expect(pre.readerAveragedAuc!.auc).toBeCloseTo((pre.readers[0].auc!.auc + pre.readers[1].auc!.auc + pre.readers[2].auc!.auc) / 3, 12);
    expect(pre.diagnosis!.clean!.n).toBe(30);
    expect(pre.localisation!.n).toBe(60);
    expect(pre.localisation!.k).toBe(pre.pooled.sensitivity!.k);
    expect(pre.kappa!.raters).toBe(3);
    const unwarned = res.phases.find((p) => p.phaseId === 'unwarned')!;
    expect(unwarned.pooled.sensitivity!.k).toBe(0);
    const uw = res.differences.find((d) => d.phases[0] === 'unwarned' && d.phases[1] === 'pre')!;
    expect(uw.detection!.estimate).toBeCloseTo(pre.pooled.sensitivity!.estimate - unwarned.pooled.sensitivity!.estimate, 14);
    expect(uw.detection!.low).toBeLessThan(uw.detection!.estimate);
    expect(res.differences).toHaveLength(3);
    expect(res.comparisons).toHaveLength(1);
    const cmp = res.comparisons[0];
    expect(cmp.phases).toEqual(['pre', 'post']);
    expect(cmp.analysis!.design).toBe('crossed');
    expect(cmp.analysis!.rrrc!.differences[0].estimate).toBeCloseTo(cmp.analysis!.modalityAuc[0].auc - cmp.analysis!.modalityAuc[1].auc, 14);
    expect(cmp.analysis).toEqual(analyseMrmc(ratingsDataset(study.design, study.cases, answers, ['pre', 'post'])));
  });

  it('explains why there is no reader-averaged AUC when readers see one version per source', () => {
    const store = newStore();
    const id = store.createStudy(testDesign(6, { allowSameSource: false }));
    readAll(store, id, { r1: 0.9, r2: 0.6 });
    const study = store.getStudy(id);
    const res = studyResults(study.design, study.cases, store.answers(id));
    expect(res.phases[0].readerAveragedAuc).toBeNull();
    expect(res.phases[0].readerAveragedNote).toMatch(/has no score for case/);
  });
});
