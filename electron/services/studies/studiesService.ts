/**
 * Opening studies: indexes files and folders as a host-side job of kind 'studies.open' (the indexer
 * reads files asynchronously, so the event loop stays free), records the result in the workspace, and
 * answers with the series it touched and, per file, why the rest did not load.
 */
import { resolve } from 'node:path';
import { indexPaths } from '../../dicom/index';
import type { CallOutput } from '../../shared/contract';
import type { SeriesSummary } from '../../shared/studyTypes';
import { ApiError } from '../apiError';
import type { JobStore } from '../jobStore';
import type { StudyIndex } from './studyIndex';

/** Progress events closer together than this are skipped (ms). */
const PROGRESS_INTERVAL_MS = 100;

/** The 'studies.*' operations. */
export class StudiesService {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<unknown> }>();

  constructor(
    private readonly index: StudyIndex,
    private readonly jobs: JobStore,
  ) {}

  /** Indexes `paths` (relative ones against the working directory); see 'studies.open'. */
  open(paths: string[]): Promise<CallOutput<'studies.open'>> {
    const { jobId } = this.jobs.create('studies.open');
    const controller = new AbortController();
    const done = this.run(jobId, paths, controller.signal).finally(() => this.running.delete(jobId));
    this.running.set(jobId, { controller, done: done.catch(() => undefined) });
    return done;
  }

  private async run(jobId: string, paths: string[], signal: AbortSignal): Promise<CallOutput<'studies.open'>> {
    this.jobs.start(jobId, 'Looking for files');
    let last = 0;
    const onProgress = (done: number, total: number): void => {
      const now = Date.now();
      if (done < total && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      this.jobs.progress(jobId, total ? done / total : 1, `Read ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} files`);
    };
    try {
      const result = await indexPaths(paths.map((p) => resolve(p)), { signal, onProgress });
      this.index.record(result);
      const series = this.index.series(result.series.map((s) => s.seriesInstanceUid));
      this.jobs.finish(jobId, {
        state: 'done',
        result: { series: series.length, images: result.instances.size, failures: result.failures.length, scanned: result.scanned },
      });
      return { jobId, series, failures: result.failures, scanned: result.scanned };
    } catch (err) {
      if (signal.aborted) {
        this.jobs.finish(jobId, { state: 'cancelled', error: 'Cancelled; nothing from this folder was added.' });
        throw new ApiError('failed', 'Opening was cancelled; nothing from it was added.');
      }
      const message = `Opening failed: ${err instanceof Error ? err.message : String(err)}`;
      this.jobs.finish(jobId, { state: 'failed', error: message });
      throw new ApiError('failed', message);
    }
  }

  /** Every series opened so far (this session and earlier ones), Patient → Study → Series order. */
  list(): SeriesSummary[] {
    return this.index.series();
  }

  /** Cancels a running 'studies.open' job; false when `jobId` is not one. */
  cancel(jobId: string): boolean {
    const run = this.running.get(jobId);
    run?.controller.abort(new Error('cancelled'));
    return run !== undefined;
  }

  /** Cancels every running 'studies.open' and resolves once they have all ended (before the database closes). */
  async close(): Promise<void> {
    const runs = [...this.running.values()];
    for (const run of runs) run.controller.abort(new Error('cancelled'));
    await Promise.all(runs.map((run) => run.done));
  }
}
