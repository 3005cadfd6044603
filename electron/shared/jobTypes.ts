/** Jobs: long work run in the engine process, with progress, cancel and a clear error. */
import { z } from 'zod';

export const jobStateSchema = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type JobState = z.infer<typeof jobStateSchema>;

/** A job as the UI sees it. `progress` is a fraction in [0, 1]. */
export const jobSchema = z.object({
  jobId: z.string(),
  kind: z.string(),
  state: jobStateSchema,
  progress: z.number().min(0).max(1),
  message: z.string(),
  error: z.string().nullable(),
  result: z.unknown().optional(),
});
export type Job = z.infer<typeof jobSchema>;

export const jobProgressSchema = z.object({
  jobId: z.string(),
  progress: z.number().min(0).max(1),
  message: z.string(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;
