/**
 * Concatenates arrays of numbers into one Float32Array, in order (e.g. per-sample inputs or outputs
 * into one batch). Values are stored as float32.
 */
export function concatFloat32(parts: readonly ArrayLike<number>[]): Float32Array {
  const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}
