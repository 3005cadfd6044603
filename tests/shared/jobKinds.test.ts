import { describe, expect, it } from 'vitest';
import { registerProductKinds } from '../../electron/engine/jobs/productKinds';
import { JobRegistry } from '../../electron/engine/jobs/registry';
import { JOB_KINDS, jobResult, jobResultSchema } from '../../electron/shared/jobKinds';
import { jobSchema } from '../../electron/shared/jobTypes';

/** Kinds the back end runs itself (not in the engine process). */
const HOST_KINDS = ['studies.open', 'readerStudies.generate'];

describe('every job kind is in the contract', () => {
  it('the engine registers exactly the kinds of the shared table (plus the host-side ones there)', () => {
    const engine = registerProductKinds(new JobRegistry()).names();
    expect(engine).toEqual(Object.keys(JOB_KINDS).filter((k) => !HOST_KINDS.includes(k)).sort());
  });

  it('a job result is checked against the kinds\' strict schemas: unknown fields and wrong types are refused', () => {
    const predict = { provider: 'cpu', output: 'logits', outputReason: null, outputKind: 'logits', inputShape: [1, 1, 8, 8], outputShape: [2], classes: ['a', 'b'], logits: [0, 1], probabilities: [0.27, 0.73], decision: 1 };
    expect(jobResultSchema.safeParse(predict).success).toBe(true);
    expect(jobResultSchema.safeParse({ ...predict, extra: 1 }).success).toBe(false);
    expect(jobResultSchema.safeParse({ ...predict, decision: 'b' }).success).toBe(false);
    const job = { jobId: 'j', kind: 'predict', state: 'done', progress: 1, message: '', error: null, createdAt: 0, finishedAt: 1 };
    expect(jobSchema.parse({ ...job, result: predict }).result).toEqual(predict);
    expect(() => jobSchema.parse({ ...job, result: { anything: true } })).toThrow();
  });

  it('jobResult() reads a result typed by kind and refuses another kind', () => {
    const job = { kind: 'demo.generate', result: { files: ['a.dcm'] } };
    expect(jobResult(job, 'demo.generate').files).toEqual(['a.dcm']);
    expect(() => jobResult(job, 'predict')).toThrow(/expected a "predict" job, got "demo.generate"/);
  });

  it('the engine refuses to return a result its schema does not describe', async () => {
    const { defineJob } = await import('../../electron/engine/jobs/defineJob');
    const bad = defineJob('demo.generate', async () => ({ files: 'not a list' }) as unknown as { files: string[] });
    await expect(bad.run({ dir: '/x' }, { signal: new AbortController().signal, progress: () => undefined })).rejects.toThrow(/"demo.generate" job's result does not match its schema at "files"/);
  });
});
