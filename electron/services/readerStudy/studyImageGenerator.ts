/**
 * Makes a study's attacked images as one host-side job ('readerStudies.generate') on the existing
 * attack road: each missing image is an 'attack.run' (an engine job, its record and derived series
 * stored as for the lab), and the case is given the derived image the moment it exists — so a
 * cancelled or failed run keeps what it made and a new run continues. Progress is "k / n images";
 * cancelling stops the running attack too.
 */
import type { Handlers } from '../backendTypes';
import type { ServiceContext } from '../serviceContext';
import { ApiError } from '../apiError';
import type { ReaderStudyStore } from './readerStudyStore';

type AttackRoad = Pick<Handlers, 'attack.run' | 'attacks.get'>;

/** Starts and cancels generation jobs. */
export class StudyImageGenerator {
  private readonly running = new Map<string, { cancelled: boolean; attackJob: string | null }>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly store: ReaderStudyStore,
    private readonly attacks: AttackRoad,
  ) {}

  /** Starts generating with `modelId`; resolves at once with the job id. */
  start(studyId: string, modelId: string): { jobId: string; missing: number } {
    const study = this.store.getStudy(studyId);
    const todo = study.cases.filter((c) => c.imageId === null);
    const notAttack = todo.find((c) => study.design.conditions.find((x) => x.id === c.conditionId)?.kind !== 'attack');
    if (notAttack) throw new ApiError('bad-input', `Case ${notAttack.caseId} (${notAttack.conditionId}) is an imported condition: set its image instead of generating it.`);
    const job = this.ctx.jobs.create('readerStudies.generate');
    const run = { cancelled: false, attackJob: null as string | null };
    this.running.set(job.jobId, run);
    this.ctx.jobs.start(job.jobId, `0 / ${todo.length} images`);
    void (async () => {
      try {
        for (const [i, c] of todo.entries()) {
          if (run.cancelled) return this.ctx.jobs.finish(job.jobId, { state: 'cancelled', error: `Cancelled after ${i} of ${todo.length} images; they are kept.` });
          const cond = study.design.conditions.find((x) => x.id === c.conditionId);
          if (cond?.kind !== 'attack') continue;
          const { jobId: attackJob, attackId } = await this.attacks['attack.run']({ modelId, imageId: c.sourceImageId, method: cond.method, eps: cond.eps, steps: cond.steps, seed: cond.seed ?? study.design.seed });
          run.attackJob = attackJob;
          const ended = await this.ctx.jobs.wait(attackJob);
          run.attackJob = null;
          if (ended.state === 'cancelled' || run.cancelled) return this.ctx.jobs.finish(job.jobId, { state: 'cancelled', error: `Cancelled after ${i} of ${todo.length} images; they are kept.` });
          if (ended.state !== 'done') throw new Error(`the attack on case ${c.caseId} failed: ${ended.error ?? 'no reason given'}`);
          const record = await this.attacks['attacks.get']({ attackId });
          this.store.setCaseImage(studyId, c.caseId, record.derived.imageId);
          this.ctx.jobs.progress(job.jobId, (i + 1) / todo.length, `${i + 1} / ${todo.length} images`);
        }
        this.ctx.jobs.finish(job.jobId, { state: 'done', result: { studyId, generated: todo.length } });
      } catch (err) {
        this.ctx.jobs.finish(job.jobId, { state: 'failed', error: `Generating the study's images stopped: ${(err as Error).message}` });
      } finally {
        this.running.delete(job.jobId);
      }
    })();
    return { jobId: job.jobId, missing: todo.length };
  }

  /** Asks a generation job to stop (and its running attack); false when it is not one of ours. */
  cancel(jobId: string): boolean {
    const run = this.running.get(jobId);
    if (!run) return false;
    run.cancelled = true;
    if (run.attackJob) this.ctx.engine.cancel(run.attackJob);
    return true;
  }
}
