import { beforeEach, describe, expect, it, vi } from 'vitest';

// cornerstone-core needs a DOM; the prefetcher only uses loadAndCacheImage, so stand it in.
const pending: { id: string; resolve: () => void; reject: (e: Error) => void }[] = [];
vi.mock('cornerstone-core', () => ({
  loadAndCacheImage: (id: string) =>
    new Promise<void>((resolve, reject) => {
      pending.push({ id, resolve, reject });
    }),
}));

const { StackPrefetcher } = await import('../../renderer/viewer/stackPrefetcher');
const ids = Array.from({ length: 10 }, (_, i) => `aegis:k:${i}`);
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('StackPrefetcher', () => {
  beforeEach(() => {
    pending.length = 0;
  });

  it('loads the nearest neighbours first, at most `concurrency` at a time', async () => {
    const p = new StackPrefetcher(ids, 3, 2);
    p.update(5);
    expect(pending.map((x) => x.id)).toEqual(['aegis:k:6', 'aegis:k:4']);
    pending.shift()?.resolve();
    await settle();
    expect(pending.map((x) => x.id)).toEqual(['aegis:k:4', 'aegis:k:7']);
  });

  it('drops queued requests when the user moves on, and never fetches a slice twice', async () => {
    const p = new StackPrefetcher(ids, 2, 1);
    p.update(0); // queue: 1, 2
    expect(pending.map((x) => x.id)).toEqual(['aegis:k:1']);
    p.update(8); // queue: 9, 7, 6 (2 dropped)
    pending.shift()?.resolve();
    await settle();
    expect(pending.map((x) => x.id)).toEqual(['aegis:k:9']);
    pending.shift()?.resolve();
    await settle();
    p.update(8);
    await settle();
    expect(pending.map((x) => x.id)).toEqual(['aegis:k:7']);
  });

  it('retries a slice whose load failed', async () => {
    const p = new StackPrefetcher(ids, 1, 1);
    p.update(0);
    pending.shift()?.reject(new Error('boom'));
    await settle();
    p.update(0);
    expect(pending.map((x) => x.id)).toEqual(['aegis:k:1']);
  });

  it('stop() empties the queue', async () => {
    const p = new StackPrefetcher(ids, 3, 1);
    p.update(5);
    p.stop();
    pending.shift()?.resolve();
    await settle();
    expect(pending).toEqual([]);
  });
});
