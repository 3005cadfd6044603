/** Engine entry for the tests: product kinds plus test kinds, over the child_process IPC channel. */
import { serveJobs } from '../../../electron/engine/jobs/serveJobs';
import { testRegistry } from './testKinds';

serveJobs(testRegistry());
