/** Jobs: long work run in the engine process (or, for indexing, in slices on the host), with progress, cancel and a clear error. */
import { z } from 'zod';
import { jobResultSchema } from './jobKinds';

/** Life cycle of a job: queued → running → done | failed | cancelled. */
export const jobStateSchema = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type JobState = z.infer<typeof jobStateSchema>;

/**
 * A job as the UI sees it. `progress` is a fraction in [0, 1]; `error` is a plain-words sentence when
 * `state` is 'failed' (or why it was cancelled); times are milliseconds since the Unix epoch.
 * `result` (when done) is the result of its kind (./jobKinds: read it typed with `jobResult(job, kind)`).
 */
export const jobSchema = z.object({
  jobId: z.string(),
  kind: z.string(),
  state: jobStateSchema,
  progress: z.number().min(0).max(1),
  message: z.string(),
  error: z.string().nullable(),
  result: jobResultSchema.optional(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type Job = z.infer<typeof jobSchema>;

/** A progress report of a running job. `progress` is a fraction in [0, 1]. */
export const jobProgressSchema = z.object({
  jobId: z.string(),
  kind: z.string(),
  progress: z.number().min(0).max(1),
  message: z.string(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;
