/**
 * A least-recently-used cache bounded by the total weight of its entries (bytes, for decoded frames
 * and parsed files). An entry heavier than the whole budget is not kept.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private total = 0;

  /** @param maxWeight the budget, in the same unit as the weights given to `set` (bytes here). */
  constructor(private readonly maxWeight: number) {}

  /** The value for `key`, marking it most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  /** Stores `value` with its `weight`, evicting the least recently used entries to stay in budget. */
  set(key: K, value: V, weight: number): void {
    this.delete(key);
    if (weight > this.maxWeight) return;
    this.entries.set(key, { value, weight });
    this.total += weight;
    for (const [k, e] of this.entries) {
      if (this.total <= this.maxWeight) break;
      this.entries.delete(k);
      this.total -= e.weight;
    }
  }

  /** Removes `key` if present. */
  delete(key: K): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.total -= e.weight;
  }

  /** Total weight held now. */
  get weight(): number {
    return this.total;
  }

  /** Number of entries held now. */
  get size(): number {
    return this.entries.size;
  }
}
