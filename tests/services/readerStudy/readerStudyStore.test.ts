import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReaderStudyStore } from '../../../electron/services/readerStudy/readerStudyStore';
import { openWorkspace, type Workspace } from '../../../electron/services/workspace/openWorkspace';
import { testDesign } from './studyDesigns';

const open: Workspace[] = [];
const homes: string[] = [];
function workspace(): Workspace {
  const home = mkdtempSync(join(tmpdir(), 'aegis-rs-'));
  homes.push(home);
  const ws = openWorkspace(home);
  open.push(ws);
  return ws;
}
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

const answer = (phaseId: string, caseId: number, over: Record<string, unknown> = {}) => ({
  phaseId,
  caseId,
  manipulated: true,
  confidence: 4,
  diagnosis: 'nodule',
  marks: [],
  freeText: '',
  durationMs: 2000,
  interactions: [],
  ...over,
});

describe('ReaderStudyStore', () => {
  it('stores a design with its cases and orders; answers go in order, once', () => {
    const store = new ReaderStudyStore(workspace().db);
    const id = store.createStudy(testDesign(4));
    const study = store.getStudy(id);
    expect(study.cases).toHaveLength(12);
    const pos = store.position(id, 'r1');
    expect(pos).toMatchObject({ phaseId: 'warned', answered: 0, total: 12 });
    const order = store.order(id, 'r1', 'warned');
    expect(pos.caseId).toBe(order[0]);
    expect(() => store.saveAnswer(id, 'r1', answer('warned', order[1]))).toThrow(/is at case .* cases are read in order/);
    expect(store.saveAnswer(id, 'r1', answer('warned', order[0]))).toMatchObject({ caseId: order[1], answered: 1 });
    expect(() => store.saveAnswer(id, 'r1', answer('warned', order[0]))).toThrow(/already answered/);
    expect(() => store.saveAnswer(id, 'r1', answer('warned', order[1], { confidence: 7 }))).toThrow(/whole number from 1 to 5/);
    expect(() => store.saveAnswer(id, 'r1', answer('warned', order[1], { diagnosis: 'fracture' }))).toThrow(/one of normal, nodule/);
    expect(() => store.saveAnswer(id, 'r1', answer('warned', order[1], { manipulated: null }))).toThrow(/answer yes or no/);
    expect(() => store.createStudy({ ...testDesign(2), conditions: [] })).toThrow(/design is not valid: conditions/);
  });

  it('lets a study that allows going back replace an earlier answer', () => {
    const store = new ReaderStudyStore(workspace().db);
    const id = store.createStudy(testDesign(3, { allowGoBack: true }));
    const order = store.order(id, 'r2', 'warned');
    store.saveAnswer(id, 'r2', answer('warned', order[0]));
    store.saveAnswer(id, 'r2', answer('warned', order[0], { manipulated: false, confidence: 2 }));
    expect(store.answers(id, 'r2')).toHaveLength(1);
    expect(store.answers(id, 'r2')[0].manipulated).toBe(false);
  });

  it('loses nothing answered when the process is killed with SIGKILL, and resumes at the first unanswered case', () => {
    const ws = workspace();
    const store = new ReaderStudyStore(ws.db);
    const id = store.createStudy(testDesign(5));
    const child = spawnSync('node', ['--import', 'tsx', join(__dirname, 'answerThenDie.ts'), ws.home, id, 'r1', '7'], { encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).toBe('saved\n');
    const order = store.order(id, 'r1', 'warned');
    const reopened = openWorkspace(ws.home);
    open.push(reopened);
    const again = new ReaderStudyStore(reopened.db);
    const answers = again.answers(id, 'r1');
    expect(answers.map((a) => a.caseId)).toEqual(order.slice(0, 7));
    expect(answers[6]).toMatchObject({ freeText: 'answer 6', durationMs: 1006, interactions: [{ tMs: 10, kind: 'window', value: '400/40' }] });
    expect(again.position(id, 'r1')).toMatchObject({ caseId: order[7], answered: 7, total: 15 });
  });

  it('merges a reader’s results: duplicates are skipped, conflicts refused, nothing counted twice', () => {
    const store = new ReaderStudyStore(workspace().db);
    const id = store.createStudy(testDesign(3));
    const order = store.order(id, 'r1', 'warned');
    const first = [answer('warned', order[0]), answer('warned', order[1], { manipulated: false, confidence: 3 })];
    expect(store.mergeAnswers(id, 'r1', first.map((a) => ({ answer: a, answeredAt: 5 })))).toEqual({ added: 2, duplicates: 0 });
    const again = [...first, answer('warned', order[2])].map((a) => ({ answer: a, answeredAt: 6 }));
    expect(store.mergeAnswers(id, 'r1', again)).toEqual({ added: 1, duplicates: 2 });
    expect(store.answers(id, 'r1')).toHaveLength(3);
    expect(() => store.mergeAnswers(id, 'r1', [{ answer: answer('warned', order[0], { confidence: 1 }), answeredAt: 7 }])).toThrow(/already has a different answer/);
    expect(() => store.mergeAnswers(id, 'zz', [])).toThrow(/not a reader/);
    expect(store.answers(id)).toHaveLength(3);
  });
});
