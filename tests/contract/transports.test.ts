/**
 * The contract suite over both transports (HTTP + WebSocket to the real loopback server; Electron IPC
 * through the in-process stand-in) against a fake back end: round trips, events, binary pixels
 * byte for byte, and each kind of error with its code and plain-words message.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { calls, type EventPayload } from '../../electron/shared/contract';
import { ApiCallError } from '../../electron/shared/transport';
import { createFakeBackend, FAKE_ROWS, fakeJob, patternBytes } from './fakeBackend';
import type { Job } from '../../electron/shared/jobTypes';
import { TRANSPORTS, type Connection } from './transports';

describe.each(TRANSPORTS)('contract over $name (fake back end)', (transport) => {
  let backend: ReturnType<typeof createFakeBackend>;
  let conn: Connection;
  beforeAll(async () => {
    backend = createFakeBackend();
    conn = await transport.connect(backend);
  });
  afterAll(async () => {
    await conn.close();
    await backend.close();
  });

  it('round-trips a call, its output matching the schema', async () => {
    const info = await conn.client.call('app.info', {});
    expect(calls['app.info'].output.parse(info)).toEqual({ version: '0.0.0-fake', workspace: '/fake/home', transport: 'http' });
    expect(conn.client.transport).toBe(transport.name);
  });

  it('carries binary pixels intact, as a Uint8Array', async () => {
    const out = await conn.client.call('frames.pixels', { imageId: 'aegis:fake:7' });
    expect(out.data).toBeInstanceOf(Uint8Array);
    expect(out.data.byteLength).toBe(FAKE_ROWS * FAKE_ROWS * 2);
    expect(Buffer.from(out.data).equals(Buffer.from(patternBytes(FAKE_ROWS * FAKE_ROWS * 2, 7)))).toBe(true);
    expect(out.meta.dtype).toBe('int16');
    expect(() => calls['frames.pixels'].output.parse(out)).not.toThrow();
    // The viewer views the bytes as the dtype in place: the view must be element-aligned.
    expect(new Int16Array(out.data.buffer, out.data.byteOffset, out.data.byteLength / 2)[0]).toBe(
      new Int16Array(patternBytes(8, 7).buffer)[0],
    );
  });

  it('delivers events to subscribers, payload only, and stops after unsubscribe', async () => {
    const progress: unknown[] = [];
    const finished: unknown[] = [];
    const offProgress = conn.client.onEvent('job.progress', (p) => progress.push(p));
    const offFinished = conn.client.onEvent('job.finished', (p) => finished.push(p));
    await expect(conn.client.call('jobs.cancel', { jobId: 'j1' })).resolves.toEqual({ cancelled: true });
    await vi.waitFor(() => expect(finished).toHaveLength(1), { timeout: 2000 });
    expect(progress).toEqual([{ jobId: 'j1', kind: 'fake', progress: 0.5, message: 'half way' }]);
    expect(finished[0]).toMatchObject({ jobId: 'j1', state: 'cancelled' });

    offProgress();
    offFinished();
    await conn.client.call('jobs.cancel', { jobId: 'j2' });
    await conn.client.call('app.info', {});
    await new Promise((r) => setTimeout(r, 50));
    expect(progress).toHaveLength(1);
    expect(finished).toHaveLength(1);
  });

  it('carries typed arrays inside an event payload intact (a binary WebSocket frame in browser mode)', async () => {
    const seen: EventPayload<'job.finished'>[] = [];
    const off = conn.client.onEvent('job.finished', (j) => seen.push(j));
    const map = new Float32Array([0.25, -1.5, Number.POSITIVE_INFINITY]);
    backend.emit({ name: 'job.finished', payload: { ...fakeJob('saliency-1', 'done'), result: { map, shape: [1, 3] } as unknown as Job['result'] } });
    await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 2000 });
    off();
    const result = seen[0]!.result as unknown as { map: Float32Array; shape: number[] };
    expect(result.map).toBeInstanceOf(Float32Array);
    expect(Array.from(result.map)).toEqual([0.25, -1.5, Number.POSITIVE_INFINITY]);
    expect(result.shape).toEqual([1, 3]);
  });

  it('refuses invalid input with a clear bad-input error naming the field', async () => {
    const err = await conn.client.call('jobs.get', { jobId: 42 } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).code).toBe('bad-input');
    expect((err as ApiCallError).message).toMatch(/^jobs\.get: invalid input: jobId: .*string/);

    const missing = await conn.client.call('studies.open', {} as never).catch((e: unknown) => e);
    expect((missing as ApiCallError).code).toBe('bad-input');
    expect((missing as ApiCallError).message).toMatch(/^studies\.open: invalid input: paths: /);
  });

  it('passes a handler’s not-found error through with its code and message', async () => {
    await expect(conn.client.call('jobs.get', { jobId: 'known' })).resolves.toMatchObject({ state: 'done' });
    const err = (await conn.client.call('jobs.get', { jobId: 'nope' }).catch((e: unknown) => e)) as ApiCallError;
    expect(err.code).toBe('not-found');
    expect(err.message).toBe('No job "nope" in this workspace.');
  });

  it('turns any other handler failure into a failed error with the plain message, no stack', async () => {
    const err = (await conn.client.call('studies.open', { paths: ['/fail'] }).catch((e: unknown) => e)) as ApiCallError;
    expect(err.code).toBe('failed');
    expect(err.message).toBe('/fail: the disk is unreadable.');
    expect(err.message).not.toMatch(/\n\s+at /);
  });
});
