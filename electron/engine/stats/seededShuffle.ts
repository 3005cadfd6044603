import { seededRandom } from './seededRandom';

/**
 * A deterministic random permutation of 0…n−1 (Fisher–Yates over {@link seededRandom}). Used to
 * split image folders: alternating by file order would alias with however the folder was made
 * (the demo phantoms alternate nodule present / absent, so an odd/even split separates the classes).
 *
 * @param n number of items
 * @param seed any 32-bit integer
 */
export function seededShuffle(n: number, seed: number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  const rand = seededRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx;
}
