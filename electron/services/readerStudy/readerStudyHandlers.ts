/** 'readerStudies.*' calls over the workspace's reader-study records (see readerStudyCalls.ts). */
import { readFileSync } from 'node:fs';
import type { ReadingState } from '../../shared/readerStudyCalls';
import { ApiError } from '../apiError';
import type { Handlers } from '../backendTypes';
import type { ServiceContext } from '../serviceContext';
import { exportBundle } from './bundle/exportBundle';
import { mergeResults, parseResults, readExportedKey } from './bundle/readerResults';
import { ReaderStudyStore } from './readerStudyStore';
import { StudyImageGenerator } from './studyImageGenerator';
import { studyResults } from './studyResults';

type ReaderStudyCall =
  | 'readerStudies.list'
  | 'readerStudies.create'
  | 'readerStudies.get'
  | 'readerStudies.setCaseImage'
  | 'readerStudies.generate'
  | 'readerStudies.reading'
  | 'readerStudies.answer'
  | 'readerStudies.results'
  | 'readerStudies.export'
  | 'readerStudies.merge';

/** Runs `work`; a validation problem (RangeError) becomes a bad-input ApiError with its message. */
async function plain<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof RangeError) throw new ApiError(/There is no reader study/.test(err.message) ? 'not-found' : 'bad-input', err.message);
    throw err;
  }
}

/**
 * The reader-study handlers, and `cancel` for the 'jobs.cancel' of their generation jobs. `attacks`
 * is the lab's attack road ('attack.run', 'attacks.get'), which generation reuses.
 */
export function readerStudyHandlers(ctx: ServiceContext, attacks: Pick<Handlers, 'attack.run' | 'attacks.get'>): { handlers: Pick<Handlers, ReaderStudyCall>; cancel(jobId: string): boolean } {
  const store = new ReaderStudyStore(ctx.workspace.db);
  const generator = new StudyImageGenerator(ctx, store, attacks);
  const reading = (studyId: string, readerId: string): ReadingState => {
    const { design, cases } = store.getStudy(studyId);
    if (!design.readers.some((r) => r.id === readerId)) throw new RangeError(`"${readerId}" is not a reader of this study.`);
    const pos = store.position(studyId, readerId);
    const phase = design.phases.find((p) => p.id === pos.phaseId) ?? null;
    const shown = cases.find((c) => c.caseId === pos.caseId);
    if (shown && shown.imageId === null) throw new ApiError('failed', `Case ${shown.caseId} has no image yet; the coordinator must generate or import it before reading.`);
    const last = store.answers(studyId, readerId).at(-1);
    const lastPhase = last ? design.phases.find((p) => p.id === last.phaseId) : undefined;
    const lastCase = last ? cases.find((c) => c.caseId === last.caseId) : undefined;
    return {
      phase,
      caseId: pos.caseId,
      imageId: shown?.imageId ?? null,
      answered: pos.answered,
      total: pos.total,
      questions: design.questions,
      toolsAllowed: design.toolsAllowed,
      allowGoBack: design.allowGoBack,
      feedback: lastPhase?.kind === 'training' && lastCase ? { caseId: lastCase.caseId, manipulated: lastCase.truth === 1, conditionId: lastCase.conditionId } : null,
    };
  };
  const handlers: Pick<Handlers, ReaderStudyCall> = {
    'readerStudies.list': async () => ({ studies: store.listStudies() }),
    'readerStudies.create': ({ design }) => plain(() => ({ studyId: store.createStudy(design) })),
    'readerStudies.get': ({ studyId }) =>
      plain(() => {
        const s = store.getStudy(studyId);
        const progress = s.design.readers.map((r) => {
          const p = store.position(studyId, r.id);
          return { readerId: r.id, answered: p.answered, total: p.total };
        });
        return { studyId, design: s.design, cases: s.cases, progress };
      }),
    'readerStudies.setCaseImage': ({ studyId, caseId, imageId }) =>
      plain(() => {
        if (!ctx.studies.list().some((series) => series.imageIds.includes(imageId))) throw new RangeError(`Image ${imageId} is not open in this workspace; open its file first.`);
        store.setCaseImage(studyId, caseId, imageId);
        return {};
      }),
    'readerStudies.reading': ({ studyId, readerId }) => plain(() => reading(studyId, readerId)),
    'readerStudies.answer': ({ studyId, readerId, answer }) =>
      plain(() => {
        store.saveAnswer(studyId, readerId, answer);
        return reading(studyId, readerId);
      }),
    'readerStudies.results': ({ studyId }) =>
      plain(() => {
        const s = store.getStudy(studyId);
        return studyResults(s.design, s.cases, store.answers(studyId));
      }),
    'readerStudies.export': ({ studyId, outDir }) => plain(() => exportBundle(ctx.workspace.db, store, studyId, outDir)),
    'readerStudies.merge': ({ bundleDir, resultFiles }) =>
      plain(() => {
        const key = readExportedKey(bundleDir);
        const files = resultFiles.map((name) => {
          let text: string;
          try {
            text = readFileSync(name, 'utf8');
          } catch {
            throw new RangeError(`cannot read the results file ${name}`);
          }
          return { name, results: parseResults(text, name) };
        });
        return { merged: mergeResults(store, key, files) };
      }),
    'readerStudies.generate': ({ studyId, modelId }) => plain(() => generator.start(studyId, modelId)),
  };
  return { handlers, cancel: (jobId) => generator.cancel(jobId) };
}
