/** `aegis study stats STUDY_ID`: every figure of a study, and its CSV, iMRMC, JAFROC and HTML files. */
import { writeFileSync } from 'node:fs';
import { formatImrmc } from '../../../engine/stats/mrmc';
import { htmlReport } from '../../../services/readerStudy/outputs/htmlReport';
import { jafrocWorkbook } from '../../../services/readerStudy/outputs/jafrocWorkbook';
import { answersCsv, figuresCsv } from '../../../services/readerStudy/outputs/studyCsv';
import { ReaderStudyStore } from '../../../services/readerStudy/readerStudyStore';
import { ratingsDataset } from '../../../services/readerStudy/studyRatings';
import { studyResults, type PhaseResults } from '../../../services/readerStudy/studyResults';
import { defaultHome, openWorkspace } from '../../../services/workspace/openWorkspace';
import { parseCommandArgs } from '../../args';
import { UsageError } from '../../command';

/** Usage text of `aegis study stats`. */
export const statsUsage = [
  'Usage: aegis study stats STUDY_ID [--json] [--csv PREFIX] [--imrmc FILE] [--jafroc FILE.xlsx] [--html FILE]',
  '',
  'Per reader and pooled sensitivity/specificity/accuracy (Wilson), AUC (DeLong; reader-averaged with the OR',
  'interval), detection per condition, diagnosis, localisation, Fleiss\' kappa, and OR MRMC comparisons of',
  'warned test phases. --csv writes PREFIX-answers.csv and PREFIX-figures.csv; --imrmc and --jafroc hold the',
  'ratings of the warned test phases (modality = phase); --html a self-contained report.',
].join('\n');

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

function phaseLines(p: PhaseResults): string[] {
  const f = p.pooled;
  const lines = [`${p.label} (${p.answers} answers)`];
  if (f.sensitivity) lines.push(`  detected fakes ${pct(f.sensitivity.estimate)} (${pct(f.sensitivity.low)}–${pct(f.sensitivity.high)}, ${f.sensitivity.k}/${f.sensitivity.n})`);
  if (f.specificity) lines.push(`  clean called clean ${pct(f.specificity.estimate)} (${pct(f.specificity.low)}–${pct(f.specificity.high)}, ${f.specificity.k}/${f.specificity.n})`);
  const ra = p.readerAveragedAuc;
  lines.push(ra ? `  reader-averaged AUC ${ra.auc.toFixed(3)} (${ra.lower.toFixed(3)}–${ra.upper.toFixed(3)}, ${ra.readers} readers)` : `  reader-averaged AUC: ${p.readerAveragedNote}`);
  for (const c of p.conditions) lines.push(`  ${c.conditionId}: ${pct(c.detection.estimate)} detected (${pct(c.detection.low)}–${pct(c.detection.high)}, ${c.detection.k}/${c.detection.n})`);
  return lines;
}

/** Runs `aegis study stats`. */
export async function runStats(argv: string[]): Promise<number> {
  const p = parseCommandArgs('study stats', argv, { json: { type: 'boolean' }, csv: { type: 'string' }, imrmc: { type: 'string' }, jafroc: { type: 'string' }, html: { type: 'string' } });
  const [studyId, ...extra] = p.positionals;
  if (!studyId || extra.length) throw new UsageError('give one study id: aegis study stats STUDY_ID');
  const ws = openWorkspace(defaultHome());
  try {
    const store = new ReaderStudyStore(ws.db);
    let study;
    try {
      study = store.getStudy(studyId);
    } catch (err) {
      throw new UsageError((err as Error).message, 1);
    }
    const answers = store.answers(studyId);
    const results = studyResults(study.design, study.cases, answers);
    const warned = study.design.phases.filter((x) => x.kind === 'test' && x.warned);
    const testCases = study.cases.filter((c) => c.caseSet === 'test');
    const ratings = ratingsDataset(study.design, testCases, answers, warned.map((x) => x.id));
    if (p.values.csv) {
      writeFileSync(`${p.values.csv}-answers.csv`, answersCsv(study.design, study.cases, answers));
      writeFileSync(`${p.values.csv}-figures.csv`, figuresCsv(results));
    }
    if (p.values.imrmc) writeFileSync(p.values.imrmc, formatImrmc(ratings));
    if (p.values.jafroc) writeFileSync(p.values.jafroc, await jafrocWorkbook(ratings));
    if (p.values.html) writeFileSync(p.values.html, htmlReport(study.design, results));
    if (p.values.json) console.log(JSON.stringify({ studyId, answers: answers.length, ...results }, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));
    else for (const ph of results.phases) for (const line of phaseLines(ph)) console.log(line);
    return 0;
  } finally {
    ws.close();
  }
}
