/**
 * The contract suite against the real back end (createBackend on a fresh workspace, a real DICOM
 * series written by the fixture writer), over both transports: every call round-trips and matches
 * its output schema, the open job's events arrive, and frame pixels arrive equal to the stored values
 * the files were written with.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../electron/services/backend';
import type { Backend } from '../../electron/services/backendTypes';
import { forkEngine } from '../../electron/services/forkEngine';
import { calls, type CallInput, type CallName, type CallOutput, type EventPayload } from '../../electron/shared/contract';
import type { ApiCallError } from '../../electron/shared/transport';
import { writeSeries, type WrittenSlice } from '../services/studyFiles';
import { TRANSPORTS, type Connection } from './transports';

const TEST_ENGINE = join(import.meta.dirname, '..', 'engine', 'jobs', 'testEngineProcess.ts');

describe.each(TRANSPORTS)('contract over $name (real back end)', (transport) => {
  let root: string;
  let backend: Backend;
  let conn: Connection;
  let slices: WrittenSlice[];
  const progress: EventPayload<'job.progress'>[] = [];
  const finished: EventPayload<'job.finished'>[] = [];

  /** A call through the transport, its output checked against the contract schema. */
  async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const out = await conn.client.call(name, input);
    return calls[name].output.parse(out) as CallOutput<N>;
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), `aegis-contract-${transport.name}-`));
    slices = writeSeries({ dir: join(root, 'data'), patientName: 'Roe^Ann', studyUid: '1.2.826.9.1', seriesUid: '1.2.826.9.1.1', seriesNumber: 3, slices: 3, rows: 32, columns: 24 });
    backend = createBackend({ home: join(root, 'home'), transport: transport.name, spawnEngine: forkEngine(TEST_ENGINE) });
    conn = await transport.connect(backend);
    conn.client.onEvent('job.progress', (p) => progress.push(p));
    conn.client.onEvent('job.finished', (j) => finished.push(j));
  });
  afterAll(async () => {
    await conn.close();
    await backend.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('app.info names the workspace and the transport', async () => {
    expect(await call('app.info', {})).toEqual({ version: expect.any(String), workspace: join(root, 'home'), transport: transport.name });
  });

  it('studies.open runs as a job whose events arrive, and lists the series', async () => {
    const opened = await call('studies.open', { paths: [join(root, 'data')] });
    expect(opened.failures).toEqual([]);
    expect(opened.series).toHaveLength(1);
    expect(opened.series[0]).toMatchObject({ patientName: 'Roe Ann', modality: 'CT', seriesNumber: 3 });
    expect(opened.series[0]?.imageIds).toEqual(slices.map((s) => `aegis:${s.sopInstanceUid}:0`));
    await vi.waitFor(() => expect(finished.map((j) => j.jobId)).toContain(opened.jobId), { timeout: 5000 });
    expect(finished.find((j) => j.jobId === opened.jobId)).toMatchObject({ kind: 'studies.open', state: 'done' });
    expect(progress.every((p) => p.progress >= 0 && p.progress <= 1)).toBe(true);

    expect((await call('studies.list', {})).series.map((s) => s.seriesInstanceUid)).toEqual(['1.2.826.9.1.1']);
    const job = await call('jobs.get', { jobId: opened.jobId });
    expect(job.state).toBe('done');
    expect((await call('jobs.list', {})).jobs.map((j) => j.jobId)).toContain(opened.jobId);
    expect(await call('jobs.cancel', { jobId: opened.jobId })).toEqual({ cancelled: false });
  });

  it('frames.meta, frames.tags and frames.pixels describe the written slice, pixels value for value', async () => {
    const imageId = `aegis:${slices[1]!.sopInstanceUid}:0`;
    const meta = await call('frames.meta', { imageId });
    expect(meta).toMatchObject({ rows: 32, columns: 24, bitsAllocated: 16, pixelRepresentation: 1, rescaleIntercept: -1024 });

    const tags = await call('frames.tags', { imageId });
    expect(JSON.stringify(tags.tags)).toContain('Roe^Ann');

    const pixels = await call('frames.pixels', { imageId });
    expect(pixels.meta).toMatchObject({ dtype: 'int16', rows: 32, columns: 24, samplesPerPixel: 1 });
    expect(pixels.data).toBeInstanceOf(Uint8Array);
    const stored = new Int16Array(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength / 2);
    expect(Array.from(stored)).toEqual(Array.from(slices[1]!.values));
  });

  it('app.pickPaths without Electron’s dialog says to type a path', async () => {
    const err = (await conn.client.call('app.pickPaths', { kind: 'folder' }).catch((e: unknown) => e)) as ApiCallError;
    expect(err.code).toBe('failed');
    expect(err.message).toMatch(/type the path/);
  });

  it('answers an unknown image id with not-found and bad input with bad-input, in plain words', async () => {
    const missing = (await conn.client.call('frames.meta', { imageId: 'aegis:9.9.9:0' }).catch((e: unknown) => e)) as ApiCallError;
    expect(missing.code).toBe('not-found');
    expect(missing.message).not.toMatch(/\n\s+at /);
    const bad = (await conn.client.call('studies.open', { paths: [] }).catch((e: unknown) => e)) as ApiCallError;
    expect(bad.code).toBe('bad-input');
    expect(bad.message).toMatch(/^studies\.open: invalid input: paths: /);
  });
});
