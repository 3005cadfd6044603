import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../electron/services/backend';
import type { Backend, BackendEvent } from '../../electron/services/backendTypes';
import { writeSeries } from './studyFiles';

const SERIES = 10;
const SLICES = 100;
const JUNK = 1000;

/** Longest gap between 5 ms timer ticks while `work` runs: how long the event loop was blocked (ms). */
async function maxEventLoopGap<T>(work: () => Promise<T>): Promise<{ value: T; gapMs: number }> {
  let last = performance.now();
  let gap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
  }, 5);
  try {
    return { value: await work(), gapMs: gap };
  } finally {
    clearInterval(timer);
  }
}

describe('opening a folder of 2,000 mixed files', () => {
  let root: string;
  let backend: Backend;
  const events: BackendEvent[] = [];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'aegis-large-'));
    for (let s = 0; s < SERIES; s++) {
      writeSeries({ dir: join(root, 'data', `patient${s % 3}`, `series${s}`), patientName: `P^${s % 3}`, studyUid: `1.2.9.${s % 3}`, seriesUid: `1.2.9.${s % 3}.${s}`, seriesNumber: s, slices: SLICES, rows: 8, columns: 8, seed: s + 1 });
    }
    const junkDir = join(root, 'data', 'misc', 'deeper');
    mkdirSync(junkDir, { recursive: true });
    for (let i = 0; i < JUNK; i++) writeFileSync(join(junkDir, `file${i}.${i % 2 ? 'jpg' : 'dcm'}`), `not an image ${i}`.repeat(1 + (i % 7)));
    backend = createBackend({ home: join(root, 'home') });
    backend.onEvent((e) => events.push(e));
  });
  afterAll(async () => {
    await backend.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists every series and every failure, reports progress, and never blocks the event loop for long', async () => {
    const t0 = performance.now();
    const { value: out, gapMs } = await maxEventLoopGap(() => backend.handlers['studies.open']({ paths: [join(root, 'data')] }));
    const seconds = (performance.now() - t0) / 1000;
    console.log(`opened ${out.scanned} files in ${seconds.toFixed(2)} s; longest event-loop gap ${gapMs.toFixed(0)} ms`);
    expect(out.scanned).toBe(SERIES * SLICES + JUNK);
    expect(out.series).toHaveLength(SERIES);
    expect(out.series.every((s) => s.imageIds.length === SLICES)).toBe(true);
    expect(out.failures).toHaveLength(JUNK);
    expect(out.failures.every((f) => /^not a DICOM file/.test(f.reason))).toBe(true);
    // A synchronous indexer would block for about the whole run; this one yields between files. As a
    // ratio, the bound holds on a fast machine and a loaded one alike.
    expect(gapMs).toBeLessThan((seconds * 1000) / 4);
    const fractions = events
      .filter((e): e is Extract<BackendEvent, { name: 'job.progress' }> => e.name === 'job.progress' && e.payload.jobId === out.jobId)
      .map((e) => e.payload.progress);
    expect(fractions.length).toBeGreaterThan(2);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(fractions.at(-1)).toBe(1);
  });

  it('closing the back end mid-way cancels the open cleanly', async () => {
    const closing = createBackend({ home: join(root, 'home3') });
    const firstProgress = new Promise<void>((res) => closing.onEvent((e) => e.name === 'job.progress' && e.payload.progress > 0 && res()));
    const opening = closing.handlers['studies.open']({ paths: [join(root, 'data')] });
    await firstProgress;
    await closing.close();
    await expect(opening).rejects.toMatchObject({ code: 'failed', message: 'Opening was cancelled; nothing from it was added.' });
  });

  it('can be cancelled part-way through, adding nothing', async () => {
    const fresh = createBackend({ home: join(root, 'home2') });
    try {
      let jobId = '';
      fresh.onEvent((e) => {
        if (e.name === 'job.progress' && e.payload.progress > 0 && !jobId) {
          jobId = e.payload.jobId;
          void fresh.handlers['jobs.cancel']({ jobId }).then((r) => expect(r.cancelled).toBe(true));
        }
      });
      await expect(fresh.handlers['studies.open']({ paths: [join(root, 'data')] })).rejects.toMatchObject({ code: 'failed', message: expect.stringMatching(/cancelled/) });
      expect((await fresh.handlers['jobs.get']({ jobId })).state).toBe('cancelled');
      expect((await fresh.handlers['studies.list']({})).series).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
