/** Runs one engine job to its end and returns its result, for calls that answer with the result itself. */
import { ApiError } from '../apiError';
import type { ServiceContext } from '../serviceContext';

/**
 * Submits `kind` with `payload` and waits for it (queued behind running jobs; the event loop stays
 * free). @throws ApiError 'failed' with the job's own plain-words error when it fails or is cancelled.
 */
export async function runEngineJob<T>(ctx: ServiceContext, kind: string, payload: unknown, what: string): Promise<T> {
  const jobId = ctx.engine.submit(kind, payload);
  const job = await ctx.jobs.wait(jobId);
  if (job.state === 'done') return job.result as T;
  throw new ApiError('failed', `${what}: ${job.error ?? (job.state === 'cancelled' ? 'cancelled' : 'failed')}`);
}
