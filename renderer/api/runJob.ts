/**
 * Follows one back-end job from the renderer: subscribes to 'job.progress' / 'job.finished' BEFORE
 * the job starts (so a fast job's events are never missed), reports progress, resolves with the
 * job's result when it is done and rejects with the job's own plain-words error otherwise.
 */
import type { Job } from '../../electron/shared/jobTypes';
import type { ApiClient } from './apiClient';

/** Progress of a running job: `progress` is a fraction in [0, 1]. */
export interface JobStatus {
  jobId: string | null;
  progress: number;
  message: string;
}

/** Why a job did not produce a result: `cancelled` tells a user's cancel from a failure. */
export class JobEndedError extends Error {
  constructor(
    message: string,
    readonly cancelled: boolean,
  ) {
    super(message);
  }
}

/** A started job: `jobId` once known, `done` its result. */
export interface RunningJob<R> {
  started: Promise<string>;
  done: Promise<R>;
}

/**
 * Starts a job with `start` (a contract call answering `{ jobId }`) and follows it. `onProgress`
 * gets every progress report of this job. The result is the job's `result` field, typed by the caller.
 */
export function runJob<R>(api: ApiClient, start: () => Promise<{ jobId: string }>, onProgress?: (s: JobStatus) => void): RunningJob<R> {
  const early: Job[] = [];
  let jobId: string | null = null;
  let settle: ((job: Job) => void) | null = null;
  const offProgress = api.onEvent('job.progress', (p) => {
    if (p.jobId === jobId) onProgress?.({ jobId, progress: p.progress, message: p.message });
  });
  const offFinished = api.onEvent('job.finished', (job) => {
    if (jobId === null) early.push(job);
    else if (job.jobId === jobId) settle?.(job);
  });
  const ended = new Promise<Job>((resolve) => (settle = resolve));
  const started = start().then(
    (r) => {
      jobId = r.jobId;
      onProgress?.({ jobId, progress: 0, message: 'Queued' });
      const already = early.find((j) => j.jobId === jobId);
      if (already) settle?.(already);
      early.length = 0;
      return r.jobId;
    },
    (err: unknown) => {
      offProgress();
      offFinished();
      throw err;
    },
  );
  const done = started.then(async () => {
    try {
      const job = await ended;
      if (job.state === 'done') return job.result as R;
      throw new JobEndedError(job.error ?? `The job ended ${job.state}.`, job.state === 'cancelled');
    } finally {
      offProgress();
      offFinished();
    }
  });
  return { started, done };
}

/** Plain words of any failure (API errors carry their own message). */
export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
