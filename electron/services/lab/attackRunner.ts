/**
 * Runs attacks as engine jobs and keeps what they produce: when an 'attack' job ends, the derived
 * DICOM it wrote is indexed (a new series of the same study, `derived: true`) and the attack record
 * is stored in one transaction. Calls that read records wait for the ones still being stored.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { indexPaths } from '../../dicom/index';
import { attackDefaults, attackEntry } from '../../shared/attackCatalogue';
import { jobResult, type JobPayloadIn } from '../../shared/jobKinds';
import { catalogueSettingsSchema, type AttackParams, type AttackRecord, type ModelEntry } from '../../shared/labTypes';
import { ApiError } from '../apiError';
import type { ServiceContext } from '../serviceContext';
import { StudyIndex } from '../studies/studyIndex';
import { attacksDir, removeUnfinishedAttackFolder, sweepEmptyAttackFolders } from './attackFolders';
import type { AttackStore } from './attackStore';
import type { ImageSource } from './imageSource';

/** Starts attacks and stores their records; see the file comment. */
export class AttackRunner {
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly store: AttackStore,
  ) {
    sweepEmptyAttackFolders(ctx.workspace.derivedDir);
  }

  /**
   * Submits an 'attack' job for `model` (a readable one, hash known) on `image`. Norm, eps and steps
   * default per method as the attack catalogue says. Returns the job id and the id the record will
   * have once the job is done.
   */
  start(model: ModelEntry, image: ImageSource, params: AttackParams): { jobId: string; attackId: string } {
    if (!model.differentiable && attackEntry(params.method).kind !== 'query') {
      throw new ApiError('failed', `${model.name} cannot be differentiated (unsupported ops: ${model.unsupportedOps.join(', ') || 'none found'}), so white-box attacks cannot run on it; the query attacks (Square, SimBA, HopSkipJump, ZOO) can.`);
    }
    const defaults = attackDefaults(params.method, params.norm);
    const { norm } = defaults;
    const eps = params.eps ?? defaults.eps;
    const steps = params.steps ?? defaults.steps;
    if (norm === 'linf' && eps > 1) throw new ApiError('bad-input', `An L∞ budget of ${eps} is more than the whole intensity window (1); budgets are fractions of the window, e.g. 0.02.`);
    const full = { ...params, eps, norm, steps };
    const attackId = randomUUID();
    const payload: JobPayloadIn<'attack'> = {
      model: model.path,
      image: image.path,
      method: params.method,
      eps,
      norm,
      steps,
      alpha: params.alpha,
      restarts: params.restarts,
      targetClass: params.targetClass,
      finding: params.finding,
      seed: params.seed,
      extra: catalogueSettingsSchema.parse(params),
      outDir: join(attacksDir(this.ctx.workspace.derivedDir), attackId),
      modelName: model.name,
    };
    const jobId = this.ctx.engine.submit('attack', payload);
    const createdAt = Date.now();
    const done = this.ctx.jobs.wait(jobId).then(async (job) => {
      if (job.state !== 'done') {
        // Nothing was stored for it: whatever it began to write goes too.
        await removeUnfinishedAttackFolder(payload.outDir);
        return;
      }
      const r = jobResult(job, 'attack');
      await this.indexDerived(r.derived.path);
      this.store.insert({
        attackId,
        jobId,
        createdAt,
        sourceImageId: image.imageId,
        studyInstanceUid: image.studyInstanceUid,
        model: { id: model.id, name: model.name, hash: model.hash, provider: r.provider },
        params: full,
        classes: r.classes,
        decisionBefore: r.decisionBefore,
        decisionAfter: r.decisionAfter,
        probabilitiesBefore: r.probabilitiesBefore,
        probabilitiesBeforeQuantisation: r.probabilitiesBeforeQuantisation,
        probabilitiesAfter: r.probabilitiesAfter,
        pixelsKept: r.pixelsKept,
        successBeforeQuantisation: r.successBeforeQuantisation,
        success: r.success,
        norms: r.norms,
        ssim: r.ssim,
        psnr: r.psnr,
        dataRange: r.dataRange,
        iterations: r.iterations,
        seconds: r.seconds,
        derived: r.derived,
      } satisfies AttackRecord);
    });
    const tracked = done
      .catch((err: unknown) => console.error(`aegis: storing attack ${attackId} failed:`, err))
      .finally(() => this.pending.delete(attackId));
    this.pending.set(attackId, tracked);
    return { jobId, attackId };
  }

  /** Resolves once the record of `attackId` (or of every running attack) is stored or will never be. */
  async settled(attackId?: string): Promise<void> {
    if (attackId) await this.pending.get(attackId);
    else await Promise.all(this.pending.values());
  }

  /** Waits for records still being stored, so none is lost when the back end closes. */
  close(): Promise<void> {
    return this.settled();
  }

  private async indexDerived(path: string): Promise<void> {
    const result = await indexPaths([path]);
    if (result.failures.length) throw new Error(`the derived file ${path} could not be indexed: ${result.failures[0]!.reason}`);
    new StudyIndex(this.ctx.workspace.db).record(result);
  }
}
