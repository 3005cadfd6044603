/**
 * Builds an engine job kind from its entry in the shared job table (electron/shared/jobKinds): the
 * payload schema comes from there, and the result is checked against the kind's result schema
 * before it leaves the engine, so the contract's types are what the renderer really receives.
 */
import { JOB_KINDS, type JobKindName, type JobPayloadOf, type JobResultOf } from '../../shared/jobKinds';
import type { JobContext, JobKind } from './registry';

/**
 * The job kind `kind`, running `run`. @throws (as the job's error) when `run` returns something its
 * result schema refuses: a bug, named as one, never a silently different result.
 */
export function defineJob<K extends JobKindName>(kind: K, run: (payload: JobPayloadOf<K>, ctx: JobContext) => Promise<JobResultOf<K>>): JobKind<JobPayloadOf<K>> {
  const spec = JOB_KINDS[kind];
  return {
    payload: spec.payload as unknown as JobKind<JobPayloadOf<K>>['payload'],
    async run(payload, ctx) {
      const result = await run(payload, ctx);
      const checked = spec.result.safeParse(result);
      if (!checked.success) {
        const issue = checked.error.issues[0]!;
        throw new Error(`internal error: the "${kind}" job's result does not match its schema at "${issue.path.join('.') || '(root)'}": ${issue.message}`);
      }
      return result;
    },
  };
}
