/**
 * Prefetches the slices around the one on screen into cornerstone's image cache, so scrolling
 * through a stack does not wait on the API. At most `concurrency` requests are in flight; moving to
 * another slice drops the queued (not yet started) requests and queues the new neighbourhood.
 */
import * as cornerstone from 'cornerstone-core';
import { prefetchOrder } from './prefetchOrder';

/** Prefetcher for one stack of image ids. */
export class StackPrefetcher {
  private queue: string[] = [];
  private inFlight = 0;
  private readonly done = new Set<string>();

  /**
   * @param imageIds the stack, in display order
   * @param radius how many slices ahead and behind to keep loaded
   * @param concurrency requests in flight at once
   */
  constructor(
    private readonly imageIds: string[],
    private readonly radius = 20,
    private readonly concurrency = 6,
  ) {}

  /** Re-targets the prefetch around stack index `current`. */
  update(current: number): void {
    this.queue = prefetchOrder(current, this.imageIds.length, this.radius)
      .map((i) => this.imageIds[i])
      .filter((id) => !this.done.has(id));
    this.pump();
  }

  /** Stops queuing new requests (those in flight finish into the cache). */
  stop(): void {
    this.queue = [];
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.queue.length > 0) {
      const id = this.queue.shift() as string;
      this.done.add(id);
      this.inFlight++;
      cornerstone
        .loadAndCacheImage(id)
        .catch(() => this.done.delete(id)) // the viewport reports the error if the user reaches it
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }
}
