/**
 * Engine entry for the tests that speaks through `process.parentPort`, as under Electron's
 * utilityProcess (messages wrapped as `{ data }`), to prove the engine's other channel in plain Node.
 */
import { serveJobs } from '../../../electron/engine/jobs/serveJobs';
import { testRegistry } from './testKinds';

const send = process.send!.bind(process);
Object.assign(process, {
  parentPort: {
    on: (_event: 'message', listener: (e: { data: unknown }) => void) => process.on('message', (data) => listener({ data })),
    postMessage: (message: unknown) => send(message as object),
  },
});
process.send = undefined;
serveJobs(testRegistry());
