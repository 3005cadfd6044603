import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineHost } from '../../../electron/services/engineHost';
import { JobStore } from '../../../electron/services/jobStore';
import { forkEngine } from '../../../electron/services/forkEngine';
import { openWorkspace, type Workspace } from '../../../electron/services/workspace/openWorkspace';
import type { BackendEvent } from '../../../electron/services/backendTypes';

const TEST_ENGINE = join(import.meta.dirname, 'testEngineProcess.ts');

describe('engine host (real child process)', () => {
  let home: string;
  let ws: Workspace;
  let jobs: JobStore;
  let host: EngineHost;
  const events: BackendEvent[] = [];
  /** The process id of the engine that ran a 'test.echo' of `value`. */
  const echoPid = async (value: unknown): Promise<number> => ((await jobs.wait(host.submit('test.echo', { value }))).result as unknown as { pid: number }).pid;

  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'aegis-engine-'));
    ws = openWorkspace(home);
    jobs = new JobStore(ws.db, (e) => events.push(e));
    host = new EngineHost({ spawn: forkEngine(TEST_ENGINE), jobs, cancelGraceMs: 1000 });
  });
  afterAll(async () => {
    await host.close();
    ws.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('runs a job and returns its result, typed arrays intact', async () => {
    const job = await jobs.wait(host.submit('test.echo', { value: { a: [1, 'two'] } }));
    expect(job.state).toBe('done');
    const result = job.result as unknown as { value: unknown; pid: number; pixels: Float32Array };
    expect(result.value).toEqual({ a: [1, 'two'] });
    expect(result.pixels).toBeInstanceOf(Float32Array);
    expect([...result.pixels]).toEqual([0.5, -1.25, 3]);
    expect(result.pid).not.toBe(process.pid);
  });

  it('reports typed progress events, then job.finished', async () => {
    const jobId = host.submit('test.sleep', { ms: 400, steps: 4 });
    const job = await jobs.wait(jobId);
    expect(job.state).toBe('done');
    const mine = events.filter((e) => e.name === 'job.progress' && e.payload.jobId === jobId);
    const fractions = mine.map((e) => (e.name === 'job.progress' ? e.payload.progress : -1));
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.filter((f) => f > 0).length).toBeGreaterThanOrEqual(2);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    const finished = events.find((e) => e.name === 'job.finished' && e.payload.jobId === jobId);
    expect(finished?.payload).toMatchObject({ state: 'done', kind: 'test.sleep' });
    expect(jobs.get(jobId)?.state).toBe('done');
  });

  it('fails a job whose kind throws, with its message, and rejects bad payloads', async () => {
    const failed = await jobs.wait(host.submit('test.fail', {}));
    expect(failed).toMatchObject({ state: 'failed', error: 'The model file is not valid ONNX.' });
    const bad = await jobs.wait(host.submit('test.sleep', { ms: 'long' }));
    expect(bad.state).toBe('failed');
    expect(bad.error).toMatch(/Invalid test\.sleep request: ms:/);
    const unknown = await jobs.wait(host.submit('no.such.kind', {}));
    expect(unknown.error).toMatch(/Unknown job kind "no\.such\.kind"/);
  });

  it('cancels cooperatively without restarting the engine', async () => {
    const before = await echoPid(1);
    const jobId = host.submit('test.sleep', { ms: 20_000, steps: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(host.cancel(jobId)).toBe(true);
    const job = await jobs.wait(jobId);
    expect(job.state).toBe('cancelled');
    expect(job.error).toBe('Cancelled.');
    const after = await echoPid(2);
    expect(after).toBe(before);
    expect(host.cancel(jobId)).toBe(false);
  });

  it('cancels a queued job before it runs', async () => {
    const first = host.submit('test.sleep', { ms: 300, steps: 1 });
    const second = host.submit('test.echo', { value: 'never' });
    expect(host.cancel(second)).toBe(true);
    expect((await jobs.wait(second)).state).toBe('cancelled');
    expect((await jobs.wait(first)).state).toBe('done');
  });

  it('kills and restarts an engine whose job ignores cancel, then runs the next job', async () => {
    const before = await echoPid(1);
    const jobId = host.submit('test.ignoreCancel', { ms: 30_000 });
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    host.cancel(jobId);
    const job = await jobs.wait(jobId);
    expect(job.state).toBe('cancelled');
    expect(job.error).toMatch(/did not stop within 1 s, so the engine process was restarted/);
    expect(Date.now() - t0).toBeLessThan(5000);
    const next = await jobs.wait(host.submit('test.echo', { value: 3 }));
    expect(next.state).toBe('done');
    expect((next.result as unknown as { pid: number }).pid).not.toBe(before);
  });

  it('stops a job that passes its time limit', async () => {
    const job = await jobs.wait(host.submit('test.sleep', { ms: 20_000, steps: 1 }, { timeoutMs: 300 }));
    expect(job.state).toBe('failed');
    expect(job.error).toBe('The job took longer than its time limit of 0.3 s and was stopped.');
  });

  for (const kind of ['test.segfault', 'test.abort']) {
    it(`survives a native crash (${kind}): that job fails clearly, the next runs in a fresh engine`, async () => {
      const before = await echoPid(1);
      const crashed = await jobs.wait(host.submit(kind, {}));
      expect(crashed.state).toBe('failed');
      expect(crashed.error).toMatch(/The engine process stopped unexpectedly while running this job: it was killed by signal SIG(SEGV|ABRT)/);
      const next = await jobs.wait(host.submit('test.echo', { value: 'after' }));
      expect(next.state).toBe('done');
      expect((next.result as unknown as { pid: number }).pid).not.toBe(before);
    });
  }

  it('starts a fresh engine when the idle one was killed from outside', async () => {
    const before = await echoPid(1);
    process.kill(before, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    const next = await jobs.wait(host.submit('test.echo', { value: 2 }));
    expect(next.state).toBe('done');
    expect((next.result as unknown as { pid: number }).pid).not.toBe(before);
  });

  it('cancels a job while the engine is still starting', async () => {
    const before = await echoPid(1);
    process.kill(before, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    const jobId = host.submit('test.echo', { value: 'too late' });
    await new Promise((r) => setTimeout(r, 0));
    expect(host.cancel(jobId)).toBe(true);
    expect(await jobs.wait(jobId)).toMatchObject({ state: 'cancelled', error: 'Cancelled.' });
    expect((await jobs.wait(host.submit('test.echo', { value: 'next' }))).state).toBe('done');
  });

  it('fails jobs clearly when the engine cannot start', async () => {
    const broken = new EngineHost({ spawn: forkEngine(join(home, 'missing.cjs')), jobs });
    const job = await jobs.wait(broken.submit('test.echo', { value: 1 }));
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/^The engine process could not start: it exited with code 1 \(Error: Cannot find module/);
    await broken.close();
  });
});

describe('engine over a utilityProcess-style parentPort', () => {
  it('speaks the same protocol: result, progress, cancel', async () => {
    const home = mkdtempSync(join(tmpdir(), 'aegis-engine-port-'));
    const ws = openWorkspace(home);
    const events: BackendEvent[] = [];
    const jobs = new JobStore(ws.db, (e) => events.push(e));
    const host = new EngineHost({ spawn: forkEngine(join(import.meta.dirname, 'testUtilityEngineProcess.ts')), jobs });
    try {
      const echo = await jobs.wait(host.submit('test.echo', { value: 'hi' }));
      expect(echo.result).toMatchObject({ value: 'hi', port: 'parentPort' });
      const slept = await jobs.wait(host.submit('test.sleep', { ms: 200, steps: 2 }));
      expect(slept.state).toBe('done');
      expect(events.filter((e) => e.name === 'job.progress' && e.payload.jobId === slept.jobId).length).toBeGreaterThanOrEqual(2);
      const long = host.submit('test.sleep', { ms: 20_000, steps: 1 });
      await new Promise((r) => setTimeout(r, 200));
      host.cancel(long);
      expect(await jobs.wait(long)).toMatchObject({ state: 'cancelled', error: 'Cancelled.' });
    } finally {
      await host.close();
      ws.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
