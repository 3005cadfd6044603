import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseMrmc, formatImrmc, parseImrmc } from '../../../electron/engine/stats/mrmc';
import { seededRandom } from '../../../electron/engine/stats/seededRandom';
import { htmlReport } from '../../../electron/services/readerStudy/outputs/htmlReport';
import { jafrocWorkbook, readJafrocWorkbook } from '../../../electron/services/readerStudy/outputs/jafrocWorkbook';
import { answersCsv, figuresCsv } from '../../../electron/services/readerStudy/outputs/studyCsv';
import { ReaderStudyStore } from '../../../electron/services/readerStudy/readerStudyStore';
import { ratingsDataset } from '../../../electron/services/readerStudy/studyRatings';
import { studyResults } from '../../../electron/services/readerStudy/studyResults';
import { migrate } from '../../../electron/services/workspace/migrate';
import { migrations } from '../../../electron/services/workspace/migrations';
import { testDesign } from './studyDesigns';

const vanDyke = parseImrmc(readFileSync(new URL('../../engine/stats/fixtures/VanDyke.imrmc', import.meta.url), 'utf8'));

function readStudy() {
  const db = new Database(':memory:');
  migrate(db, migrations, ':memory:');
  const store = new ReaderStudyStore(db);
  const id = store.createStudy(testDesign(6, { phases: [
    { id: 'pre', label: 'Before training', kind: 'test', warned: true, caseSet: 'test' },
    { id: 'post', label: 'After training', kind: 'test', warned: true, caseSet: 'test' },
  ] }));
  const study = store.getStudy(id);
  const rand = seededRandom(3);
  for (const r of study.design.readers) {
    for (let pos = store.position(id, r.id); pos.caseId !== null; pos = store.position(id, r.id)) {
      const c = study.cases.find((x) => x.caseId === pos.caseId)!;
      store.saveAnswer(id, r.id, { phaseId: pos.phaseId, caseId: pos.caseId, manipulated: rand() < (c.truth ? 0.7 : 0.3), confidence: 1 + Math.floor(rand() * 5), diagnosis: 'normal', marks: [], freeText: 'said "odd", then, no', durationMs: 1200, interactions: [] });
    }
  }
  return { study, answers: store.answers(id) };
}

describe('reader-study outputs', () => {
  it('JAFROC workbook: Truth/NL/LL sheets that read back to the same analysis (Van Dyke)', async () => {
    const bytes = await jafrocWorkbook(vanDyke);
    expect(Buffer.from(bytes.subarray(0, 2)).toString()).toBe('PK');
    const back = await readJafrocWorkbook(bytes);
    expect(back.readers).toEqual(vanDyke.readers);
    expect(back.modalities).toEqual(vanDyke.modalities);
    expect(back.scores).toHaveLength(1140);
    const a = analyseMrmc(back);
    expect(a.modalityAuc[0].auc).toBeCloseTo(0.89703704, 7);
    expect(a.rrrc!.ddf).toBeCloseTo(15.259675, 5);
  });

  it('iMRMC file of a study: integer case ids, keys, and the same analysis after a round trip', () => {
    const { study, answers } = readStudy();
    const data = ratingsDataset(study.design, study.cases, answers, ['pre', 'post']);
    const text = formatImrmc(data);
    expect(text).toMatch(/^NR:2$/m);
    expect(text).toMatch(/^N0:6$/m);
    expect(text).toMatch(/^N1:12$/m);
    expect(text).toMatch(/^NM:2$/m);
    expect(analyseMrmc(parseImrmc(text))).toEqual(analyseMrmc(data));
  });

  it('CSV: one row per answer, quoted when needed; figures with k, n and intervals', () => {
    const { study, answers } = readStudy();
    const rows = answersCsv(study.design, study.cases, answers).trimEnd().split('\r\n');
    expect(rows).toHaveLength(1 + answers.length);
    expect(rows[1]).toContain('"said ""odd"", then, no"');
    const figures = figuresCsv(studyResults(study.design, study.cases, answers)).split('\r\n');
    const sens = figures.find((l) => l.startsWith('pre,r1,sensitivity,'))!.split(',');
    expect(sens[5]).toBe('12');
    expect(Number(sens[6])).toBeLessThan(Number(sens[3]));
    expect(figures.some((l) => l.startsWith('pre − post,readers,AUC difference,'))).toBe(true);
  });

  it('HTML report is self-contained and gives every figure with its interval and n', () => {
    const { study, answers } = readStudy();
    const html = htmlReport(study.design, studyResults(study.design, study.cases, answers), new Date(0));
    expect(html).not.toMatch(/<script|<link|src=|href=|url\(/i);
    expect(html).toContain('<svg role="img" aria-label="ROC curves, Before training"');
    expect(html).toContain('aria-label="detection rate per condition"');
    expect(html).toMatch(/Sensitivity \(Wilson 95 % CI; k\/n\)/);
    expect(html).toMatch(/\d+\.\d %\s\(\d+\.\d %–\d+\.\d %; \d+\/12\)/);
    expect(html).toMatch(/ΔAUC -?\d\.\d{3} \(/);
  });
});
