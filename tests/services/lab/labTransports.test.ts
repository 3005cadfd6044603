import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../../electron/services/backend';
import type { Backend } from '../../../electron/services/backendTypes';
import { calls, type CallInput, type CallName, type CallOutput, type EventPayload } from '../../../electron/shared/contract';
import { writeCtSlice } from '../../engine/attacks/makeDicom';
import { TRANSPORTS, type Connection } from '../../contract/transports';
import { ctStored, restoreBundledModelsEnv, SIDE, WINDOW, writeTinyModel } from './labFixtures';

const IMAGE = 'aegis:1.2.826.0.1.3680043.8.498.3:0';

describe.each(TRANSPORTS)('lab calls over $name: tensors, maps and perturbations arrive as Float32Array', (transport) => {
  let root: string;
  let backend: Backend;
  let conn: Connection;
  let original: Uint16Array;
  const finished: EventPayload<'job.finished'>[] = [];
  const savedEnv = process.env.AEGIS_BUNDLED_MODELS;

  async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    return calls[name].output.parse(await conn.client.call(name, input)) as CallOutput<N>;
  }
  async function ended(jobId: string): Promise<EventPayload<'job.finished'>> {
    for (let i = 0; i < 2000; i++) {
      const job = finished.find((j) => j.jobId === jobId);
      if (job) return job;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no job.finished event for ${jobId}`);
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), `aegis-lab-${transport.name}-`));
    process.env.AEGIS_BUNDLED_MODELS = join(root, 'bundled');
    writeTinyModel(join(root, 'bundled', 'tiny'));
    mkdirSync(join(root, 'ct'));
    original = writeCtSlice(join(root, 'ct', 'slice.dcm'), SIDE, SIDE, ctStored);
    backend = createBackend({ home: join(root, 'home'), transport: transport.name });
    conn = await transport.connect(backend);
    conn.client.onEvent('job.finished', (j) => finished.push(j));
    await call('studies.open', { paths: [join(root, 'ct')] });
  });
  afterAll(async () => {
    await conn.close();
    await backend.close();
    restoreBundledModelsEnv(savedEnv);
    rmSync(root, { recursive: true, force: true });
  });

  it('models.preview, a saliency map in job.finished, and attacks.perturbation', async () => {
    const preview = await call('models.preview', { modelId: 'bundled:tiny', imageId: IMAGE });
    expect(preview.tensor).toBeInstanceOf(Float32Array);
    expect(preview.tensor[5]).toBeCloseTo((original[5]! - 1024 + WINDOW.width / 2) / WINDOW.width, 6);

    const sal = await ended((await call('saliency.run', { modelId: 'bundled:tiny', imageId: IMAGE, method: 'gradcam' })).jobId);
    expect(sal.state, sal.error ?? '').toBe('done');
    expect((sal.result as { map: unknown }).map).toBeInstanceOf(Float32Array);

    const { jobId, attackId } = await call('attack.run', { modelId: 'bundled:tiny', imageId: IMAGE, method: 'fgsm', eps: 0.01, seed: 0 });
    expect((await ended(jobId)).state).toBe('done');
    const record = await call('attacks.get', { attackId });
    const pert = await call('attacks.perturbation', { attackId });
    expect(pert.data).toBeInstanceOf(Float32Array);
    expect(pert.data.length).toBe(SIDE * SIDE);
    expect(pert.maxAbs).toBe(record.norms.stored.linf);
  }, 60_000);
});
