/** `aegis study create DESIGN.json [--model MODEL.onnx]`: a reader study in the workspace, its images made. */
import { resolve } from 'node:path';
import { ReaderStudyStore } from '../../../services/readerStudy/readerStudyStore';
import { defaultHome, openWorkspace } from '../../../services/workspace/openWorkspace';
import { parseCommandArgs } from '../../args';
import { UsageError } from '../../command';
import { generateImages } from './generate';
import { indexFiles, readDesignFile } from './studyFiles';

/** Usage text of `aegis study create`. */
export const createUsage = [
  'Usage: aegis study create DESIGN.json [--model MODEL.onnx] [--json]',
  '',
  'Creates a reader study in the workspace (AEGIS_HOME) from a design file: name, sources (DICOM files,',
  'with an optional truthDiagnosis and truthPoints), conditions (clean, attacks from the catalogue at a',
  'budget, imported), conditionsPerSource, allowSameSource, readers, seed, phases, questions, toolsAllowed,',
  'allowGoBack, modelId, and "imported": {conditionId: {sourceFile: manipulatedFile}}. Attack conditions',
  'are generated with --model (interrupt and run "aegis study generate" to resume).',
].join('\n');

/** Runs `aegis study create`. */
export async function runCreate(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('study create', argv, { json: { type: 'boolean' }, model: { type: 'string' } });
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length) throw new UsageError('give one design file: aegis study create DESIGN.json');
  const { design, base } = readDesignFile(file);
  const abs = (p: string) => resolve(base, p);
  const ws = openWorkspace(defaultHome());
  try {
    const sourceFiles = [...design.sources, ...design.trainingSources].map((s) => abs(s.file));
    const importedFiles = Object.values(design.imported).flatMap((m) => Object.values(m).map(abs));
    const ids = await indexFiles(ws, [...sourceFiles, ...importedFiles]);
    const { imported, ...rest } = design;
    const toSource = (s: (typeof design.sources)[number]) => ({ imageId: ids.get(abs(s.file))!, truthDiagnosis: s.truthDiagnosis, truthPoints: s.truthPoints });
    const store = new ReaderStudyStore(ws.db);
    let studyId: string;
    try {
      studyId = store.createStudy({ ...rest, sources: design.sources.map(toSource), trainingSources: design.trainingSources.map(toSource) });
    } catch (err) {
      throw new UsageError((err as Error).message, 1);
    }
    const fileOfId = new Map([...ids].map(([path, id]) => [id, path]));
    for (const c of store.getStudy(studyId).cases) {
      const map = imported[c.conditionId];
      if (!map) continue;
      const src = Object.entries(map).find(([s]) => abs(s) === fileOfId.get(c.sourceImageId));
      if (!src) throw new UsageError(`imported condition ${c.conditionId} has no file for source ${fileOfId.get(c.sourceImageId)}`, 1);
      store.setCaseImage(studyId, c.caseId, ids.get(abs(src[1]))!);
    }
    const pending = store.getStudy(studyId).cases.filter((c) => c.imageId === null).length;
    if (pending > 0 && !parsed.values.model) console.error(`aegis study create: ${pending} attacked image(s) still to make; run "aegis study generate ${studyId} --model MODEL.onnx"`);
    const generated = pending > 0 && parsed.values.model ? await generateImages(ws, store, studyId, parsed.values.model) : 0;
    const study = store.getStudy(studyId);
    const summary = { studyId, cases: study.cases.length, generated, missingImages: study.cases.filter((c) => c.imageId === null).length, readers: study.design.readers.map((r) => r.id), workspace: ws.home };
    console.log(parsed.values.json ? JSON.stringify(summary) : `study ${studyId}: ${summary.cases} cases, ${summary.readers.length} readers; ${summary.missingImages} images still to make`);
    return 0;
  } finally {
    ws.close();
  }
}
