import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../electron/shared/contract';
import type { Job } from '../../../electron/shared/jobTypes';
import { ModelMetadataSchema } from '../../../electron/shared/modelMetadata';
import type { ApiClient } from '../../../renderer/api/apiClient';
import { fieldsFromMetadata, metadataFromFields } from '../../../renderer/features/review/metadataFields';
import { JobEndedError, runJob } from '../../../renderer/api/runJob';

describe('model settings form', () => {
  const base = ModelMetadataSchema.parse({ network_data_format: { inputs: { image: { size: [8, 8] } }, outputs: { out: { classes: ['class 0', 'class 1'] } } } });
  it('round-trips the suggested metadata through the fields', () => {
    const f = fieldsFromMetadata(base);
    expect(f).toMatchObject({ intensity: 'minmax', height: '8', widthPx: '8', channels: '1', rangeLo: '0', rangeHi: '1', mean: '0', std: '1', outputKind: 'logits', classes: 'class 0, class 1' });
    expect(metadataFromFields(f, base)).toEqual(base);
  });
  it('writes the answers under the model’s own input and output names', () => {
    const f = { ...fieldsFromMetadata(base), intensity: 'window' as const, center: '-600', width: '1500', channels: '3' as const, mean: '0.485, 0.456, 0.406', std: '0.229, 0.224, 0.225', classes: 'normal, nodule' };
    const m = metadataFromFields(f, base);
    expect(m.network_data_format.inputs.image).toMatchObject({ size: [8, 8], channels: 3, intensity: { kind: 'window', center: -600, width: 1500 }, mean: [0.485, 0.456, 0.406] });
    expect(m.network_data_format.outputs.out.classes).toEqual(['normal', 'nodule']);
  });
  it('names the field of a bad answer', () => {
    const f = fieldsFromMetadata(base);
    expect(() => metadataFromFields({ ...f, rangeHi: 'abc' }, base)).toThrow(/Range high: enter a number/);
    expect(() => metadataFromFields({ ...f, rangeHi: '0' }, base)).toThrow(/high end must be above/);
    expect(() => metadataFromFields({ ...f, std: '0' }, base)).toThrow(/Std: every value must be positive/);
    expect(() => metadataFromFields({ ...f, height: '2.5' }, base)).toThrow(/whole numbers/);
    expect(() => metadataFromFields({ ...f, intensity: 'window', width: '-3' }, base)).toThrow(/Window width must be positive/);
  });
});

/** A fake API whose events the test fires by hand. */
function fakeApi() {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const api = {
    transport: 'http',
    call: () => Promise.reject(new Error('unused')),
    onEvent<E extends EventName>(name: E, l: (p: EventPayload<E>) => void) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(l as (p: unknown) => void);
      return () => set.delete(l as (p: unknown) => void);
    },
    close: () => undefined,
  } as unknown as ApiClient;
  const fire = (name: string, p: unknown) => listeners.get(name)?.forEach((l) => l(p));
  const count = () => [...listeners.values()].reduce((n, s) => n + s.size, 0);
  return { api, fire, count };
}
const job = (jobId: string, state: Job['state'], extra: Partial<Job> = {}): Job => ({ jobId, kind: 'predict', state, progress: 1, message: '', error: null, createdAt: 0, finishedAt: 1, ...extra });

describe('runJob', () => {
  it('resolves with the result even when the job finished before its id came back', async () => {
    const { api, fire, count } = fakeApi();
    const r = runJob<number>(api, async () => {
      fire('job.finished', job('other', 'done', { result: 1 as unknown as Job['result'] }));
      fire('job.finished', job('j1', 'done', { result: 42 as unknown as Job['result'] }));
      return { jobId: 'j1' };
    });
    await expect(r.done).resolves.toBe(42);
    expect(count()).toBe(0);
  });
  it('reports this job’s progress only, and tells a cancel from a failure', async () => {
    const { api, fire } = fakeApi();
    const seen: number[] = [];
    const a = runJob(api, async () => ({ jobId: 'a' }), (s) => seen.push(s.progress));
    await a.started;
    fire('job.progress', { jobId: 'b', kind: 'attack', progress: 0.9, message: '' });
    fire('job.progress', { jobId: 'a', kind: 'attack', progress: 0.5, message: 'step 5' });
    fire('job.finished', job('a', 'cancelled', { error: 'Cancelled by the user.' }));
    const err = await a.done.catch((e: unknown) => e);
    expect(seen).toEqual([0, 0.5]);
    expect(err).toBeInstanceOf(JobEndedError);
    expect((err as JobEndedError).cancelled).toBe(true);
    const b = runJob(api, async () => ({ jobId: 'b' }));
    await b.started;
    fire('job.finished', job('b', 'failed', { error: 'The model input shape [1,2,8,8] does not match the image.' }));
    await expect(b.done).rejects.toThrow(/does not match/);
  });
  it('passes a refused start through and unsubscribes', async () => {
    const { api, count } = fakeApi();
    const r = runJob(api, () => Promise.reject(new Error('bad-input: eps must be ≤ 1')));
    await expect(r.started).rejects.toThrow(/eps/);
    await expect(r.done).rejects.toThrow(/eps/);
    expect(count()).toBe(0);
  });
});
