/** Named float32 parameter tensors of a model being trained (initializer name → values and dims). */
export type Weights = Map<string, { data: Float32Array; dims: number[] }>;

/** A deep copy, so a snapshot survives further optimiser steps. */
export function cloneWeights(w: Weights): Weights {
  return new Map([...w].map(([k, v]) => [k, { data: Float32Array.from(v.data), dims: [...v.dims] }]));
}
