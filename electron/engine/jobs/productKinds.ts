/**
 * Registers the job kinds the product ships. Each kind lives in its own file beside the code it
 * drives (e.g. `engine/onnx/predictJob.ts` → 'predict', `engine/attacks/attackJob.ts` → 'attack',
 * `engine/saliency/saliencyJob.ts` → 'saliency') and is added here with one import and one line.
 */
import type { JobRegistry } from './registry';

/** Adds every product job kind to `registry`. */
export function registerProductKinds(registry: JobRegistry): JobRegistry {
  return registry;
}
