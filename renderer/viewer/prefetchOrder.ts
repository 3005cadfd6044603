/**
 * The order in which to fetch a stack's neighbouring slices: nearest first, alternating ahead and
 * behind (ahead first, the usual scrolling direction), within `radius` slices of `current`.
 * @returns stack indices, never `current` itself, all inside [0, count).
 */
export function prefetchOrder(current: number, count: number, radius: number): number[] {
  const order: number[] = [];
  for (let d = 1; d <= radius; d++) {
    if (current + d < count) order.push(current + d);
    if (current - d >= 0) order.push(current - d);
  }
  return order;
}
