/**
 * The job table of the back end: every job (engine jobs and host-side indexing) with its state,
 * progress and outcome. Kept in memory while running, written to the workspace database when it is
 * created and when it ends, and announced as 'job.progress' / 'job.finished' events.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { JobResult } from '../shared/jobKinds';
import type { Job } from '../shared/jobTypes';
import type { BackendEvent } from './backendTypes';

/**
 * How a job ended. `error` is the plain-words reason for 'failed' (and optionally 'cancelled');
 * `result` is its kind's result (shared/jobKinds), checked where it is made (engine: defineJob).
 */
export type JobOutcome =
  | { state: 'done'; result: unknown }
  | { state: 'failed'; error: string }
  | { state: 'cancelled'; error?: string };

/** Results larger than this (JSON characters) are kept in memory only, not in the database. */
const MAX_STORED_RESULT_CHARS = 256 * 1024;

interface JobRow {
  job_id: string;
  kind: string;
  state: Job['state'];
  progress: number;
  message: string;
  error: string | null;
  result_json: string | null;
  created_at: number;
  finished_at: number | null;
}

function fromRow(r: JobRow): Job {
  const job: Job = {
    jobId: r.job_id,
    kind: r.kind,
    state: r.state,
    progress: r.progress,
    message: r.message,
    error: r.error,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
  if (r.result_json !== null) job.result = JSON.parse(r.result_json);
  return job;
}

/** JSON of a result for the database, or null when it holds binary data or is too large. */
function storable(result: unknown): string | null {
  let binary = false;
  const json = JSON.stringify(result ?? null, (_k, v: unknown) => {
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) binary = true;
    return v;
  });
  return binary || json.length > MAX_STORED_RESULT_CHARS ? null : json;
}

/** Whether a process with this id exists (EPERM: it exists but belongs to someone else). */
function processAlive(pid: number): boolean {
  if (pid === process.pid) return false; // An earlier back end of this same process: its jobs ended with it.
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** In-memory + SQLite job table with events. */
export class JobStore {
  private readonly live = new Map<string, Job>();
  private readonly waiters = new Map<string, Array<(job: Job) => void>>();
  /** The last 200 jobs finished in this session, with full results (binary ones included), oldest first. */
  private readonly recent = new Map<string, Job>();

  constructor(
    private readonly db: Database.Database,
    private readonly emit: (event: BackendEvent) => void,
  ) {
    // Jobs still queued or running whose process has gone can never finish now. Another live Aegis
    // process (the app beside the CLI) keeps its own.
    const owners = db.prepare("SELECT DISTINCT owner_pid AS pid FROM jobs WHERE state IN ('queued', 'running')").all() as Array<{ pid: number | null }>;
    const interrupt = db.prepare(
      "UPDATE jobs SET state = 'failed', error = 'Aegis closed while this job was running.', finished_at = ? WHERE state IN ('queued', 'running') AND owner_pid IS ?",
    );
    for (const { pid } of owners) if (pid === null || !processAlive(pid)) interrupt.run(Date.now(), pid);
  }

  /** Records a new queued job of `kind` and returns it. */
  create(kind: string): Job {
    const job: Job = { jobId: randomUUID(), kind, state: 'queued', progress: 0, message: 'Waiting', error: null, createdAt: Date.now(), finishedAt: null };
    this.live.set(job.jobId, job);
    this.db
      .prepare('INSERT INTO jobs (job_id, kind, state, progress, message, error, created_at, owner_pid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(job.jobId, kind, job.state, 0, job.message, null, job.createdAt, process.pid);
    return job;
  }

  /** Marks a queued job as running. */
  start(jobId: string, message = 'Running'): void {
    const job = this.live.get(jobId);
    if (!job || job.state !== 'queued') return;
    job.state = 'running';
    job.message = message;
    this.db.prepare("UPDATE jobs SET state = 'running', message = ? WHERE job_id = ?").run(message, jobId);
    this.emit({ name: 'job.progress', payload: { jobId, kind: job.kind, progress: job.progress, message } });
  }

  /** Records and announces progress of a running job; `fraction` in [0, 1]. */
  progress(jobId: string, fraction: number, message: string): void {
    const job = this.live.get(jobId);
    if (!job || job.state !== 'running') return;
    job.progress = Math.min(1, Math.max(0, fraction));
    job.message = message;
    this.emit({ name: 'job.progress', payload: { jobId, kind: job.kind, progress: job.progress, message } });
  }

  /** Ends a job (once; later calls are ignored), stores it, announces 'job.finished', wakes waiters. */
  finish(jobId: string, outcome: JobOutcome): void {
    const job = this.live.get(jobId);
    if (!job || job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') return;
    job.state = outcome.state;
    job.finishedAt = Date.now();
    if (outcome.state === 'done') {
      job.progress = 1;
      job.result = outcome.result as JobResult;
      job.message = 'Finished';
    } else {
      job.error = outcome.error ?? null;
      job.message = outcome.state === 'failed' ? 'Failed' : 'Cancelled';
    }
    const resultJson = outcome.state === 'done' ? storable(outcome.result) : null;
    this.db
      .prepare('UPDATE jobs SET state = ?, progress = ?, message = ?, error = ?, result_json = ?, finished_at = ? WHERE job_id = ?')
      .run(job.state, job.progress, job.message, job.error, resultJson, job.finishedAt, jobId);
    this.live.delete(jobId);
    this.recent.set(jobId, job);
    if (this.recent.size > 200) this.recent.delete(this.recent.keys().next().value as string);
    this.emit({ name: 'job.finished', payload: job });
    for (const wake of this.waiters.get(jobId) ?? []) wake(job);
    this.waiters.delete(jobId);
  }

  /** A job by id: live, recently finished, or from the database. */
  get(jobId: string): Job | undefined {
    const mem = this.live.get(jobId) ?? this.recent.get(jobId);
    if (mem) return { ...mem };
    const row = this.db.prepare('SELECT * FROM jobs WHERE job_id = ?').get(jobId) as JobRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Whether the job is queued or running. */
  isLive(jobId: string): boolean {
    return this.live.has(jobId);
  }

  /** The newest `limit` jobs, newest first. */
  list(limit = 200): Job[] {
    const rows = this.db.prepare('SELECT job_id FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as Array<{ job_id: string }>;
    return rows.map((r) => this.get(r.job_id)).filter((j): j is Job => j !== undefined);
  }

  /** Resolves with the job once it has ended (at once if it already has). */
  wait(jobId: string): Promise<Job> {
    const job = this.get(jobId);
    if (!job) return Promise.reject(new Error(`No job with id ${jobId}.`));
    if (!this.live.has(jobId)) return Promise.resolve(job);
    return new Promise((res) => this.waiters.set(jobId, [...(this.waiters.get(jobId) ?? []), res]));
  }
}
