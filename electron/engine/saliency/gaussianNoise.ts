import { seededRandom } from '../stats/seededRandom';

/**
 * A seeded source of standard-normal draws (Box–Muller over mulberry32), so SmoothGrad and other
 * noisy methods give the same map for the same seed.
 */
export function gaussianNoise(seed: number): () => number {
  const uniform = seededRandom(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    let u = 0;
    while (u <= Number.EPSILON) u = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * uniform();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}
