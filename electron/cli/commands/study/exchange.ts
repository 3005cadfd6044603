/**
 * Bundle exchange from the command line: `aegis study export` (blinded bundle + answer key),
 * `aegis study results` (a reader's answers in this workspace as a results file) and
 * `aegis study merge` (readers' results files into the study, duplicates skipped).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { exportBundle } from '../../../services/readerStudy/bundle/exportBundle';
import { mergeResults, parseResults, readExportedKey, resultsFromStore } from '../../../services/readerStudy/bundle/readerResults';
import { ReaderStudyStore } from '../../../services/readerStudy/readerStudyStore';
import { defaultHome, openWorkspace, type Workspace } from '../../../services/workspace/openWorkspace';
import { parseCommandArgs } from '../../args';
import { UsageError } from '../../command';

/** Usage texts of the three sub-commands. */
export const exchangeUsage = {
  export: 'Usage: aegis study export STUDY_ID --out DIR [--json]\n\nWrites DIR/bundle (manifest.json + images/, de-identified and blinded: give it to readers) and DIR/answer-key.json (keep it).',
  results: 'Usage: aegis study results STUDY_ID --reader ID --bundle DIR --out FILE [--json]\n\nWrites the reader\'s answers in this workspace as a results file of the exported bundle in DIR (DIR/bundle/manifest.json, DIR/answer-key.json).',
  merge: 'Usage: aegis study merge --bundle DIR RESULTS.json… [--json]\n\nMerges readers\' results files into the study; answers already present are skipped, conflicting ones refused.',
};

async function withStore<T>(run: (ws: Workspace, store: ReaderStudyStore) => Promise<T>): Promise<T> {
  const ws = openWorkspace(defaultHome());
  try {
    return await run(ws, new ReaderStudyStore(ws.db));
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message, 1);
    throw err;
  } finally {
    ws.close();
  }
}

/** Runs `aegis study export`. */
export async function runExport(argv: string[]): Promise<number> {
  const p = parseCommandArgs('study export', argv, { json: { type: 'boolean' }, out: { type: 'string' } });
  const [studyId, ...extra] = p.positionals;
  if (!studyId || extra.length || !p.values.out) throw new UsageError(exchangeUsage.export);
  const out = await withStore((ws, store) => exportBundle(ws.db, store, studyId, p.values.out!));
  for (const w of out.warnings) console.error(`warning: ${w}`);
  console.log(p.values.json ? JSON.stringify(out) : `bundle ${out.bundleId}: ${out.cases} cases in ${out.bundleDir}; answer key ${out.answerKeyPath} (keep it apart)`);
  return 0;
}

/** Runs `aegis study results`. */
export async function runResults(argv: string[]): Promise<number> {
  const p = parseCommandArgs('study results', argv, { json: { type: 'boolean' }, reader: { type: 'string' }, bundle: { type: 'string' }, out: { type: 'string' } });
  const [studyId, ...extra] = p.positionals;
  if (!studyId || extra.length || !p.values.reader || !p.values.bundle || !p.values.out) throw new UsageError(exchangeUsage.results);
  const results = await withStore(async (_ws, store) => resultsFromStore(store, studyId, p.values.reader!, readExportedKey(p.values.bundle!)));
  writeFileSync(p.values.out, `${JSON.stringify(results)}\n`);
  console.log(p.values.json ? JSON.stringify({ out: p.values.out, answers: results.answers.length }) : `${results.answers.length} answers of ${results.readerId} written to ${p.values.out}`);
  return 0;
}

/** Runs `aegis study merge`. */
export async function runMerge(argv: string[]): Promise<number> {
  const p = parseCommandArgs('study merge', argv, { json: { type: 'boolean' }, bundle: { type: 'string' } });
  if (!p.values.bundle || p.positionals.length === 0) throw new UsageError(exchangeUsage.merge);
  const merged = await withStore(async (_ws, store) => {
    const key = readExportedKey(p.values.bundle!);
    const files = p.positionals.map((name) => ({ name, results: parseResults(readFileSync(name, 'utf8'), name) }));
    return mergeResults(store, key, files);
  });
  if (p.values.json) console.log(JSON.stringify({ merged }));
  else for (const m of merged) console.log(`${m.name}: reader ${m.readerId}, ${m.added} new answers, ${m.duplicates} already present`);
  return 0;
}
