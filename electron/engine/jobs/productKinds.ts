/**
 * Registers the job kinds the product ships. Each kind lives in its own file and is added here with
 * one import and one line ('attack' and 'saliency' join 'predict' the same way).
 */
import { predictJob } from './predictJob';
import type { JobRegistry } from './registry';

/** Adds every product job kind to `registry`. */
export function registerProductKinds(registry: JobRegistry): JobRegistry {
  registry.register('predict', predictJob);
  return registry;
}
