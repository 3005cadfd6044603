import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../electron/services/backend';
import { forkEngine } from '../../electron/services/forkEngine';
import type { Backend, BackendEvent } from '../../electron/services/backendTypes';
import { calls, type CallInput, type CallName, type CallOutput } from '../../electron/shared/contract';
import { writeJunk, writeRgb, writeSeries, type WrittenSlice } from './studyFiles';

const TEST_ENGINE = join(import.meta.dirname, '..', 'engine', 'jobs', 'testEngineProcess.ts');

/** Calls a handler and checks its output against the contract, as every transport relies on. */
async function call<N extends CallName>(backend: Backend, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const out = await (backend.handlers[name] as (i: unknown) => Promise<unknown>)(input);
  return calls[name].output.parse(out) as CallOutput<N>;
}

describe('backend handlers with real DICOM files', () => {
  let root: string;
  let home: string;
  let backend: Backend;
  let ct: WrittenSlice[];
  let mr: WrittenSlice[];
  let junk: ReturnType<typeof writeJunk>;
  const events: BackendEvent[] = [];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'aegis-backend-'));
    home = join(root, 'home');
    ct = writeSeries({ dir: join(root, 'data', 'ct'), patientName: 'Doe^Jane', studyUid: '1.2.826.1.1', seriesUid: '1.2.826.1.1.1', seriesNumber: 2, slices: 5 });
    mr = writeSeries({ dir: join(root, 'data', 'mr'), patientName: 'Doe^Jane', studyUid: '1.2.826.1.1', seriesUid: '1.2.826.1.1.2', seriesNumber: 1, modality: 'MR', slices: 1, frames: 3, seed: 7 });
    junk = writeJunk(join(root, 'data', 'junk'));
    backend = createBackend({ home, spawnEngine: forkEngine(TEST_ENGINE), frameCacheMb: 1 });
    backend.onEvent((e) => events.push(e));
  });
  afterAll(async () => {
    await backend.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('app.info reports version, workspace and transport', async () => {
    expect(await call(backend, 'app.info', {})).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/), workspace: home, transport: 'http' });
  });

  it('studies.open indexes a folder as a job: series in display order, failures in plain words', async () => {
    const out = await call(backend, 'studies.open', { paths: [join(root, 'data')] });
    // The dangling link fails while the folder is listed, before it counts as a scanned file.
    expect(out.scanned).toBe(5 + 1 + junk.length - 1);
    const ctSeries = out.series.find((s) => s.seriesInstanceUid === '1.2.826.1.1.1');
    expect(ctSeries).toMatchObject({ patientName: 'Doe Jane', modality: 'CT', seriesNumber: 2, studyInstanceUid: '1.2.826.1.1' });
    // Ascending z although file names (and instance numbers) run the other way.
    expect(ctSeries?.imageIds).toEqual(ct.map((s) => `aegis:${s.sopInstanceUid}:0`));
    const mrSeries = out.series.find((s) => s.seriesInstanceUid === '1.2.826.1.1.2');
    expect(mrSeries?.imageIds).toEqual([0, 1, 2].map((f) => `aegis:${mr[0]!.sopInstanceUid}:${f}`));
    for (const j of junk.filter((j) => !j.path.endsWith('truncated.dcm'))) {
      const failure = out.failures.find((f) => f.path === j.path);
      expect(failure?.reason, j.path).toMatch(j.reason);
      expect(failure?.reason).not.toMatch(/\n\s+at /); // no stack traces
    }
    const job = await call(backend, 'jobs.get', { jobId: out.jobId });
    expect(job).toMatchObject({ kind: 'studies.open', state: 'done', progress: 1 });
    const progress = events.filter((e) => e.name === 'job.progress' && e.payload.jobId === out.jobId);
    expect(progress.length).toBeGreaterThan(0);
    expect(events.some((e) => e.name === 'job.finished' && e.payload.jobId === out.jobId)).toBe(true);
  });

  it('frames.meta and frames.pixels return the stored values bit for bit', async () => {
    const slice = ct[3]!;
    const imageId = `aegis:${slice.sopInstanceUid}:0`;
    const meta = await call(backend, 'frames.meta', { imageId });
    expect(meta).toMatchObject({ rows: 16, columns: 12, bitsAllocated: 16, pixelRepresentation: 1, rescaleIntercept: -1024, rescaleSlope: 1, modality: 'CT' });
    const px = await call(backend, 'frames.pixels', { imageId });
    expect(px.meta).toMatchObject({ color: false, dtype: 'int16', rows: 16, columns: 12, samplesPerPixel: 1 });
    expect(px.data.byteLength).toBe(16 * 12 * 2);
    const values = new Int16Array(px.data.slice().buffer);
    expect(Array.from(values)).toEqual(Array.from(slice.values));
    expect(px.meta.minValue).toBe(Math.min(...slice.values));
    expect(px.meta.maxValue).toBe(Math.max(...slice.values));
    // A second request is served from the decoded-frame cache.
    expect(await backend.handlers['frames.pixels']({ imageId })).toBe(await backend.handlers['frames.pixels']({ imageId }));
  });

  it('frames.pixels serves each frame of a multi-frame file', async () => {
    const n = 16 * 12;
    const frames = [2, 0, 1];
    // Asked for all at once, as a cine prefetch does: the file is read once, each frame is right.
    const all = await Promise.all(frames.map((f) => call(backend, 'frames.pixels', { imageId: `aegis:${mr[0]!.sopInstanceUid}:${f}` })));
    all.forEach((px, i) => {
      const f = frames[i]!;
      expect(Array.from(new Int16Array(px.data.slice().buffer))).toEqual(Array.from(mr[0]!.values.subarray(f * n, (f + 1) * n)));
    });
  });

  it('frames.pixels gives colour images as interleaved 8-bit RGB', async () => {
    const rgb = writeRgb(join(root, 'colour.dcm'), '1.2.826.1.7');
    await call(backend, 'studies.open', { paths: [rgb.path] });
    const px = await call(backend, 'frames.pixels', { imageId: 'aegis:1.2.826.1.7:0' });
    expect(px.meta).toMatchObject({ color: true, dtype: 'uint8', rows: 6, columns: 5, samplesPerPixel: 3 });
    expect(Array.from(px.data)).toEqual(Array.from(rgb.values));
  });

  it('frames.tags lists the tag tree', async () => {
    const { tags } = await call(backend, 'frames.tags', { imageId: `aegis:${ct[0]!.sopInstanceUid}:0` });
    const name = tags.find((t) => t.tag.replace(/[^0-9A-Fa-f]/g, '').toUpperCase() === '00100010');
    expect(name?.value).toMatch(/Doe\^Jane/);
  });

  it('a file truncated inside its pixel data is refused at indexing, in plain words', async () => {
    const truncated = junk.find((j) => j.path.endsWith('truncated.dcm'))!;
    const { series } = await call(backend, 'studies.list', {});
    expect(series.flatMap((s) => s.imageIds).some((id) => id.startsWith('aegis:1.2.3.999:'))).toBe(false);
    const again = await call(backend, 'studies.open', { paths: [truncated.path] });
    expect(again.failures).toEqual([{ path: truncated.path, reason: expect.stringMatching(truncated.reason) }]);
    expect(again.failures[0]!.reason).not.toMatch(/\n\s+at /);
  });

  it('a file truncated on disk after indexing fails its frame in plain words, and the backend keeps serving', async () => {
    const [slice] = writeSeries({ dir: join(root, 'later'), patientName: 'Late^Cut', studyUid: '1.2.826.1.9', seriesUid: '1.2.826.1.9.1', seriesNumber: 1, slices: 1 });
    await call(backend, 'studies.open', { paths: [slice!.path] });
    const imageId = `aegis:${slice!.sopInstanceUid}:0`;
    truncateSync(slice!.path, statSync(slice!.path).size - 100);
    await expect(backend.handlers['frames.pixels']({ imageId })).rejects.toMatchObject({ code: 'failed', message: expect.stringMatching(/truncated|expected|changed|short/i) });
    const other = await call(backend, 'frames.pixels', { imageId: `aegis:${ct[0]!.sopInstanceUid}:0` });
    expect(other.data.byteLength).toBeGreaterThan(0);
  });

  it('refuses bad input and unknown ids with coded, plain errors', async () => {
    await expect(backend.handlers['studies.open']({ paths: [] })).rejects.toMatchObject({ code: 'bad-input', message: expect.stringMatching(/^studies\.open: paths: /) });
    await expect((backend.handlers['frames.meta'] as (i: unknown) => Promise<unknown>)({ imageId: 42 })).rejects.toMatchObject({ code: 'bad-input' });
    await expect(backend.handlers['frames.pixels']({ imageId: 'aegis:9.9.9:0' })).rejects.toMatchObject({
      code: 'not-found',
      message: 'Image aegis:9.9.9:0 is not in any opened study; open its file or folder first.',
    });
    await expect(backend.handlers['frames.meta']({ imageId: `aegis:${ct[0]!.sopInstanceUid}:5` })).rejects.toMatchObject({ code: 'not-found' });
    await expect(backend.handlers['jobs.get']({ jobId: 'nope' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(backend.handlers['app.pickPaths']({ kind: 'folder' })).rejects.toMatchObject({ code: 'failed', message: expect.stringMatching(/type the path/) });
  });

  it('opening the same files again, or one of its folders, changes nothing', async () => {
    const before = await call(backend, 'studies.list', {});
    await call(backend, 'studies.open', { paths: [join(root, 'data')] });
    await call(backend, 'studies.open', { paths: [join(root, 'data', 'ct')] });
    expect(await call(backend, 'studies.list', {})).toEqual(before);
  });

  it('the index and job history survive a restart of the back end', async () => {
    const before = await call(backend, 'studies.list', {});
    const jobs = await call(backend, 'jobs.list', {});
    await backend.close();
    backend = createBackend({ home, spawnEngine: forkEngine(TEST_ENGINE) });
    expect(await call(backend, 'studies.list', {})).toEqual(before);
    expect((await call(backend, 'jobs.list', {})).jobs.map((j) => j.jobId)).toEqual(jobs.jobs.map((j) => j.jobId));
    const px = await call(backend, 'frames.pixels', { imageId: `aegis:${ct[0]!.sopInstanceUid}:0` });
    expect(Array.from(new Int16Array(px.data.slice().buffer))).toEqual(Array.from(ct[0]!.values));
  });
});
