/** 'jobs.*' calls: engine jobs and host-side jobs (indexing) alike. */
import { ApiError } from '../apiError';
import type { Handlers } from '../backendTypes';
import type { ServiceContext } from '../serviceContext';

/** Handlers for listing, reading and cancelling jobs; `cancelHostJob` stops other host-side jobs (reader-study generation). */
export function jobsHandlers(ctx: ServiceContext, cancelHostJob: (jobId: string) => boolean = () => false): Pick<Handlers, 'jobs.list' | 'jobs.get' | 'jobs.cancel'> {
  return {
    'jobs.list': async () => ({ jobs: ctx.jobs.list() }),
    'jobs.get': async ({ jobId }) => {
      const job = ctx.jobs.get(jobId);
      if (!job) throw new ApiError('not-found', `There is no job with id ${jobId}.`);
      return job;
    },
    'jobs.cancel': async ({ jobId }) => {
      if (!ctx.jobs.get(jobId)) throw new ApiError('not-found', `There is no job with id ${jobId}.`);
      return { cancelled: ctx.studies.cancel(jobId) || cancelHostJob(jobId) || ctx.engine.cancel(jobId) };
    },
  };
}
