/**
 * QA scale-out over BullMQ on Redis: the session process enqueues one job per image that still has
 * work (job id = session id + image hash, so a retry or a rerun never counts an image twice), workers
 * (`aegis worker`) compute the image's items in a separate process each, and the results flow back
 * as the job's return value into the session's own store. The embedded default needs none of this.
 */
import { Queue, QueueEvents } from 'bullmq';
import type { QaConfig, QaItemResult } from '../../../shared/qaTypes';
import { storedItems, type ImageEvaluator } from '../evaluateImage';
import type { QaDatasetItem } from '../labelsCsv';
import { sessionIdOf } from '../runQaSession';

/** The BullMQ queue every QA session and worker shares. */
export const QA_QUEUE_NAME = 'aegis-qa';

/** What one queue job carries: the session configuration and the image (absolute paths). */
export interface QaQueueJob {
  config: QaConfig;
  item: QaDatasetItem;
}

/** BullMQ connection options from `redis://HOST:PORT[/DB]`. @throws on another scheme or a missing port. */
export function redisConnection(url: string): { host: string; port: number; db: number; maxRetriesPerRequest: null } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--queue "${url}" is not a URL; write redis://HOST:PORT`);
  }
  if (u.protocol !== 'redis:' || !u.hostname || !u.port) throw new Error(`--queue "${url}": write redis://HOST:PORT (e.g. redis://127.0.0.1:6379)`);
  return { host: u.hostname, port: Number(u.port), db: Number(u.pathname.slice(1) || 0), maxRetriesPerRequest: null };
}

/** A session's side of the queue: an {@link ImageEvaluator} that hands images to workers, and `close`. */
export function queueEvaluator(url: string, config: QaConfig): { evaluate: ImageEvaluator; close(): Promise<void> } {
  const connection = redisConnection(url);
  const queue = new Queue<QaQueueJob, QaItemResult[]>(QA_QUEUE_NAME, { connection });
  const events = new QueueEvents(QA_QUEUE_NAME, { connection });
  const sessionId = sessionIdOf(config);
  const evaluate: ImageEvaluator = async (models, cfg, item, store, signal, onItem) => {
    const { imageHash, plan, found } = await storedItems(models, cfg, item, store);
    const reused = found.size;
    if (reused === plan.length) {
      for (let i = 0; i < reused; i++) onItem(false);
      return { computed: 0, reused, results: plan.map((p) => found.get(p.key)!) };
    }
    await events.waitUntilReady();
    const job = await queue.add('image', { config: cfg, item }, { jobId: `${sessionId}-${imageHash.slice(0, 32)}`, attempts: 2, removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: true });
    const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    const fromWorker = await Promise.race([job.waitUntilFinished(events), aborted]);
    const byKey = new Map(fromWorker.map((r) => [r.key, r]));
    let computed = 0;
    const results = plan.map((p) => {
      const stored = found.get(p.key);
      if (stored) return stored;
      const r = byKey.get(p.key);
      if (!r) throw new Error(`${item.file}: the worker returned no result for item ${p.key} (a worker of another Aegis version?)`);
      store.put(r);
      computed++;
      return r;
    });
    for (let i = 0; i < reused; i++) onItem(false);
    for (let i = 0; i < computed; i++) onItem(true);
    return { computed, reused, results };
  };
  return {
    evaluate,
    async close() {
      await events.close();
      await queue.close();
    },
  };
}
