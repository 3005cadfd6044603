/** Runs one engine job to its end and returns its result, for calls that answer with the result itself. */
import { jobResult, type JobKindName, type JobPayloadIn, type JobResultOf } from '../../shared/jobKinds';
import { ApiError } from '../apiError';
import type { ServiceContext } from '../serviceContext';

/**
 * Submits `kind` with `payload` and waits for it (queued behind running jobs; the event loop stays
 * free); resolves with the kind's result (electron/shared/jobKinds). @throws ApiError 'failed' with
 * the job's own plain-words error when it fails or is cancelled.
 */
export async function runEngineJob<K extends JobKindName>(ctx: ServiceContext, kind: K, payload: JobPayloadIn<K>, what: string): Promise<JobResultOf<K>> {
  const jobId = ctx.engine.submit(kind, payload);
  const job = await ctx.jobs.wait(jobId);
  if (job.state === 'done') return jobResult(job, kind);
  throw new ApiError('failed', `${what}: ${job.error ?? (job.state === 'cancelled' ? 'cancelled' : 'failed')}`);
}
