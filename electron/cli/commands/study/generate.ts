/**
 * `aegis study generate STUDY --model MODEL.onnx`: makes the attacked image of every case that has
 * none yet, through the same attack actions as `aegis attack` (quantised to stored values, written as
 * a derived DICOM in the workspace, indexed). Each image is recorded the moment it exists, so an
 * interrupted run (Ctrl+C) resumes where it stopped. Progress goes to stderr.
 */
import { join } from 'node:path';
import { attackImage } from '../../../engine/actions/attackImage';
import { writeAttackedDicom } from '../../../engine/actions/derivedImage';
import { openImageTask } from '../../../engine/attacks/imageTask';
import { defaultHome, openWorkspace, type Workspace } from '../../../services/workspace/openWorkspace';
import { attackDefaults } from '../../../shared/attackCatalogue';
import { ReaderStudyStore } from '../../../services/readerStudy/readerStudyStore';
import { parseCommandArgs } from '../../args';
import { UsageError } from '../../command';
import { fileOfImage, indexFiles } from './studyFiles';

/** Usage text of `aegis study generate`. */
export const generateUsage = 'Usage: aegis study generate STUDY_ID --model MODEL.onnx [--json]\n\nMakes the attacked images a study still lacks (resumable).';

/** Generates the missing attacked images of a study; returns how many were made. */
export async function generateImages(ws: Workspace, store: ReaderStudyStore, studyId: string, model: string): Promise<number> {
  const study = store.getStudy(studyId);
  const todo = study.cases.filter((c) => c.imageId === null);
  let made = 0;
  for (const c of todo) {
    const cond = study.design.conditions.find((x) => x.id === c.conditionId);
    if (cond?.kind !== 'attack') throw new UsageError(`case ${c.caseId} (${c.conditionId}) has no image and is not an attack condition; give its file under "imported"`, 1);
    const defaults = attackDefaults(cond.method);
    const task = await openImageTask(model, fileOfImage(ws, c.sourceImageId));
    try {
      const [sample] = await attackImage(task, { method: cond.method, eps: cond.eps, norm: defaults.norm, steps: cond.steps ?? defaults.steps, seed: cond.seed ?? study.design.seed });
      const written = await writeAttackedDicom(task, sample.report, join(ws.derivedDir, 'reader-studies', studyId), task.metadata.name);
      const ids = await indexFiles(ws, [written.path]);
      store.setCaseImage(studyId, c.caseId, [...ids.values()][0]);
    } finally {
      await task.objective.release();
    }
    made++;
    process.stderr.write(`\r${made} / ${todo.length} attacked images (${c.conditionId})${made === todo.length ? '\n' : ''}`);
  }
  return made;
}

/** Runs `aegis study generate`. */
export async function runGenerate(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('study generate', argv, { json: { type: 'boolean' }, model: { type: 'string' } });
  const [studyId, ...extra] = parsed.positionals;
  if (!studyId || extra.length || !parsed.values.model) throw new UsageError('usage: aegis study generate STUDY_ID --model MODEL.onnx');
  const ws = openWorkspace(defaultHome());
  try {
    const made = await generateImages(ws, new ReaderStudyStore(ws.db), studyId, parsed.values.model);
    console.log(parsed.values.json ? JSON.stringify({ studyId, generated: made }) : `${made} attacked images made`);
    return 0;
  } finally {
    ws.close();
  }
}
