/** `aegis worker`'s engine: a BullMQ worker on the QA queue whose items run in child processes (one per concurrent item). */
import { fileURLToPath } from 'node:url';
import { Worker } from 'bullmq';
import { QA_QUEUE_NAME, redisConnection } from './qaQueue';

/** Starts a worker; resolves to a handle whose `close` waits for the item in progress. */
export async function startQaWorker(url: string, options: { concurrency?: number; onEvent?: (line: string) => void } = {}): Promise<{ close(): Promise<void> }> {
  const processor = fileURLToPath(new URL('./qaItemProcessor.ts', import.meta.url));
  const worker = new Worker(QA_QUEUE_NAME, processor, {
    connection: redisConnection(url),
    concurrency: options.concurrency ?? 1,
    // The child process loads the TypeScript processor through tsx, as bin/aegis.js does.
    workerForkOptions: { execArgv: ['--import', 'tsx'] },
    lockDuration: 120_000,
  });
  worker.on('completed', (job) => options.onEvent?.(`done ${job.data.item.file}`));
  worker.on('failed', (job, err) => options.onEvent?.(`failed ${job?.data.item.file ?? '?'}: ${err.message}`));
  await worker.waitUntilReady();
  return { close: () => worker.close() };
}
