import { seededRandom } from '../../../electron/engine/stats/seededRandom';

/** Deterministic standard-normal generator (Box–Muller over the seeded uniform generator). */
export function normalSampler(seed: number): () => number {
  const u = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}
