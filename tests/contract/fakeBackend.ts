/**
 * A small back end built from the contract's types, for transport behaviour the real back end makes
 * awkward to provoke: a large binary output with known bytes, events on demand, each error code.
 */
import { ApiError } from '../../electron/services/apiError';
import type { Backend, BackendEvent, EventListener, Handlers } from '../../electron/services/backendTypes';
import type { Job } from '../../electron/shared/jobTypes';

/** Deterministic pseudo-random bytes (LCG), so a corrupted or reordered byte is caught. */
export function patternBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

/** Pixels of the fake `aegis:fake:<n>` frames: 512 × 512 int16, stored as little-endian bytes. */
export const FAKE_ROWS = 512;

export function fakeJob(jobId: string, state: Job['state']): Job {
  return { jobId, kind: 'fake', state, progress: 1, message: state, error: null, createdAt: 1, finishedAt: 2 };
}

/** The fake back end; `emit` pushes an event as the real one does when a job moves. */
export function createFakeBackend(): Backend & { emit(event: BackendEvent): void } {
  const listeners = new Set<EventListener>();
  const emit = (event: BackendEvent) => listeners.forEach((l) => l(event));

  const handlers: Partial<Handlers> = {
    'app.info': async () => ({ version: '0.0.0-fake', workspace: '/fake/home', transport: 'http' }),
    'frames.pixels': async ({ imageId }) => {
      const seed = Number(imageId.split(':')[2] ?? 0);
      const data = patternBytes(FAKE_ROWS * FAKE_ROWS * 2, seed);
      return {
        imageId,
        meta: { color: false, dtype: 'int16', rows: FAKE_ROWS, columns: FAKE_ROWS, samplesPerPixel: 1, minValue: -1024, maxValue: 3071 },
        data,
      };
    },
    // Cancelling a fake job reports progress, then its end, before answering (events precede the answer).
    'jobs.cancel': async ({ jobId }) => {
      emit({ name: 'job.progress', payload: { jobId, kind: 'fake', progress: 0.5, message: 'half way' } });
      emit({ name: 'job.finished', payload: fakeJob(jobId, 'cancelled') });
      return { cancelled: true };
    },
    'jobs.get': async ({ jobId }) => {
      if (jobId !== 'known') throw new ApiError('not-found', `No job "${jobId}" in this workspace.`);
      return fakeJob(jobId, 'done');
    },
    'studies.open': async ({ paths }) => {
      throw new Error(`${paths[0]}: the disk is unreadable.`);
    },
  };
  return {
    handlers: handlers as Handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => listeners.clear(),
    emit,
  };
}
