/** `aegis worker --queue redis://HOST:PORT`: computes QA session images from the queue until stopped (Ctrl-C / SIGTERM). */
import { startQaWorker } from '../../engine/qa/queue/qaWorker';
import { UsageError, type Command } from '../command';
import { intOption, parseCommandArgs } from '../args';

export const worker: Command = {
  usage: [
    'Usage: aegis worker --queue redis://HOST:PORT [--concurrency N]',
    '',
    'Takes QA images from the queue that "aegis qa … --queue" fills, computes every item of each in a child',
    'process (N at once, default 1), and returns the results to the session. Stops on Ctrl-C or SIGTERM after',
    'the items in progress. The models and images must be readable here at the paths the session gave.',
  ].join('\n'),
  async run(argv) {
    const { values: v } = parseCommandArgs('worker', argv, { queue: { type: 'string' }, concurrency: { type: 'string' } }, false);
    if (!v.queue) throw new UsageError('--queue redis://HOST:PORT is required');
    const handle = await startQaWorker(v.queue, { concurrency: intOption(v.concurrency, '--concurrency', 1), onEvent: (line) => console.error(line) });
    console.error(`aegis worker: waiting for QA images on ${v.queue}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await handle.close();
    return 0;
  },
};
