// Worker entry: lets a worker thread run the TypeScript fuzz worker through tsx.
import { register } from 'tsx/esm/api';

register();
await import('./fuzzWorker.ts');
