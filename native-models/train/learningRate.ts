/** Learning-rate schedule: linear warm-up, then cosine decay to a floor (Loshchilov & Hutter 2017, no restarts). */

/** Parameters of {@link cosineWithWarmup}. */
export interface ScheduleOptions {
  /** Peak learning rate, reached at the end of warm-up. */
  peak: number;
  /** Warm-up steps (linear from peak/warmup to peak). */
  warmup: number;
  /** Total steps; the rate reaches `floor` at step total − 1. */
  total: number;
  /** Final learning rate (default 0). */
  floor?: number;
}

/** The learning rate for step `step` (0-based). */
export function cosineWithWarmup(step: number, o: ScheduleOptions): number {
  const floor = o.floor ?? 0;
  if (step < o.warmup) return (o.peak * (step + 1)) / o.warmup;
  const span = Math.max(1, o.total - 1 - o.warmup);
  const t = Math.min(1, (step - o.warmup) / span);
  return floor + 0.5 * (o.peak - floor) * (1 + Math.cos(Math.PI * t));
}
