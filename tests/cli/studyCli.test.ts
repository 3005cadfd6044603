// `aegis study create|generate|export|results|merge|stats` end to end in a fresh workspace: demo
// phantoms, clean + PGD + FGSM made with the bundled classifier, two readers, blinded bundle, merge.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoStudy } from '../../electron/engine/phantoms/generateDemoStudy';
import { analyseMrmc, parseImrmc } from '../../electron/engine/stats/mrmc';
import { ReaderStudyStore } from '../../electron/services/readerStudy/readerStudyStore';
import { openWorkspace } from '../../electron/services/workspace/openWorkspace';

const root = mkdtempSync(join(tmpdir(), 'aegis-study-cli-'));
const env = { ...process.env, AEGIS_HOME: join(root, 'ws') };
const aegis = (...args: string[]) => execFileSync('node', ['bin/aegis.js', 'study', ...args], { encoding: 'utf8', env });
const model = 'native-models/demo-nodule-classifier/model.onnx';
let studyId = '';

beforeAll(() => {
  const demo = generateDemoStudy(join(root, 'demo')).slice(0, 2);
  writeFileSync(
    join(root, 'demo', 'design.json'),
    JSON.stringify({
      name: 'CLI study',
      sources: demo.map((d) => ({ file: d.file, truthDiagnosis: d.nodulePresent ? 'nodule' : 'normal' })),
      conditions: [
        { kind: 'clean', id: 'clean' },
        { kind: 'attack', id: 'pgd-0.02', method: 'pgd', eps: 0.02, steps: 2 },
        { kind: 'attack', id: 'fgsm-0.02', method: 'fgsm', eps: 0.02 },
      ],
      conditionsPerSource: 3,
      allowSameSource: true,
      readers: [{ id: 'r1', name: 'One' }, { id: 'r2', name: 'Two' }],
      seed: 5,
      phases: [{ id: 'warned', label: 'Warned', kind: 'test', warned: true, caseSet: 'test' }],
      questions: { confidenceScale: '5-point', diagnosisClasses: ['normal', 'nodule'], marks: { enabled: false, radiusPx: 10 }, freeText: false },
      modelId: null,
      toolsAllowed: false,
      allowGoBack: false,
    }),
  );
});

describe('aegis study (CLI)', () => {
  // The attacks run on a CPU shared with the rest of the suite: generous limits, no timing asserted.
  it('create makes every attacked image with the model; a bad design is refused in words', { timeout: 600_000 }, () => {
    const out = JSON.parse(aegis('create', join(root, 'demo', 'design.json'), '--model', model, '--json'));
    expect(out).toMatchObject({ cases: 6, generated: 4, missingImages: 0, readers: ['r1', 'r2'] });
    studyId = out.studyId;
    writeFileSync(join(root, 'bad.json'), JSON.stringify({ name: 'x' }));
    const bad = spawnSync('node', ['bin/aegis.js', 'study', 'create', join(root, 'bad.json')], { encoding: 'utf8', env });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/is not a valid study design: conditions: .*readers/);
  });

  it('export, read, results, merge (twice: nothing counted twice) and stats with its files', { timeout: 600_000 }, () => {
    const exported = JSON.parse(aegis('export', studyId, '--out', join(root, 'export'), '--json'));
    expect(readdirSync(join(root, 'export', 'bundle', 'images'))).toHaveLength(6);
    expect(exported.cases).toBe(6);
    const ws = openWorkspace(env.AEGIS_HOME);
    const store = new ReaderStudyStore(ws.db);
    const study = store.getStudy(studyId);
    for (const r of ['r1', 'r2']) {
      for (let pos = store.position(studyId, r); pos.caseId !== null; pos = store.position(studyId, r)) {
        const c = study.cases.find((x) => x.caseId === pos.caseId)!;
        const yes = (c.caseId * (r === 'r1' ? 3 : 5)) % 4 !== 0 ? c.truth === 1 : c.truth === 0;
        store.saveAnswer(studyId, r, { phaseId: 'warned', caseId: c.caseId, manipulated: yes, confidence: 1 + (c.caseId % 5), diagnosis: 'normal', marks: [], freeText: '', durationMs: 800, interactions: [] });
      }
    }
    ws.close();
    aegis('results', studyId, '--reader', 'r1', '--bundle', join(root, 'export'), '--out', join(root, 'r1.json'));
    const merged = JSON.parse(aegis('merge', '--bundle', join(root, 'export'), join(root, 'r1.json'), join(root, 'r1.json'), '--json')).merged;
    expect(merged.map((m: { added: number; duplicates: number }) => [m.added, m.duplicates])).toEqual([[0, 6], [0, 6]]);
    const stats = JSON.parse(aegis('stats', studyId, '--json', '--csv', join(root, 'out'), '--imrmc', join(root, 'out.imrmc'), '--jafroc', join(root, 'out.xlsx'), '--html', join(root, 'out.html')));
    expect(stats.answers).toBe(12);
    const warned = stats.phases[0];
    expect(warned.pooled.sensitivity.n).toBe(8);
    expect(warned.conditions.map((c: { conditionId: string }) => c.conditionId)).toEqual(['pgd-0.02', 'fgsm-0.02']);
    expect(warned.readerAveragedAuc.readers).toBe(2);
    for (const f of ['out-answers.csv', 'out-figures.csv', 'out.xlsx', 'out.html']) expect(existsSync(join(root, f))).toBe(true);
    const mrmc = analyseMrmc(parseImrmc(readFileSync(join(root, 'out.imrmc'), 'utf8')));
    expect(mrmc.modalityAuc[0].auc).toBeCloseTo(warned.readerAveragedAuc.auc, 12);
  });
});
