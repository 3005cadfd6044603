/**
 * The BullMQ processor a QA worker runs in its own child process (onnxruntime blocks the event loop,
 * so the worker's lock renewals stay on a free loop): evaluates every item of one image with the same
 * {@link evaluateImage} as the embedded session and returns the results. Models stay open between
 * jobs of the same session.
 */
import type { QaItemResult } from '../../../shared/qaTypes';
import { evaluateImage, type QaModel } from '../evaluateImage';
import type { QaStore } from '../qaStore';
import { openQaModels, sessionIdOf } from '../runQaSession';
import type { QaQueueJob } from './qaQueue';

let open: { session: string; models: QaModel[] } | null = null;

async function modelsFor(job: QaQueueJob): Promise<QaModel[]> {
  const session = sessionIdOf(job.config);
  if (open?.session === session) return open.models;
  if (open) await Promise.all(open.models.map((m) => m.objective.release()));
  open = null;
  open = { session, models: await openQaModels(job.config) };
  return open.models;
}

/** A store that only collects: the worker computes what the session found missing. */
function collectingStore(): QaStore & { results: QaItemResult[] } {
  const results: QaItemResult[] = [];
  return { results, get: () => undefined, put: (r) => void results.push(r), saveSession: () => {} };
}

/** Processes one job (one image); BullMQ passes the job with its data. */
export default async function processQaImage(job: { data: QaQueueJob; updateProgress(p: number): Promise<void> }): Promise<QaItemResult[]> {
  const models = await modelsFor(job.data);
  const store = collectingStore();
  const outcome = await evaluateImage(models, job.data.config, job.data.item, store, new AbortController().signal, () => {});
  return outcome.results;
}
