/**
 * The optimiser every demo model trains with: AdamW with weight decay on the `.weight` tensors
 * only (not biases), stepped along a linear warm-up + cosine schedule that ends at 1 % of the peak.
 */
import { AdamW } from './adamW';
import { cosineWithWarmup } from './learningRate';
import type { Weights } from './weights';

/** Schedule and decay of {@link ScheduledAdamW}. */
export interface ScheduleSettings {
  /** Peak learning rate, reached after `warmup` steps, over `steps` steps in all. */
  peakLr: number;
  warmup: number;
  steps: number;
  /** Decoupled weight decay λ. */
  weightDecay: number;
}

/** AdamW over `weights` (updated in place) with the demo models' schedule. */
export class ScheduledAdamW {
  private readonly adam: AdamW;

  constructor(
    weights: Weights,
    private readonly o: ScheduleSettings,
  ) {
    this.adam = new AdamW(new Map([...weights].map(([k, v]) => [k, v.data])), { weightDecay: o.weightDecay, decays: (name) => name.endsWith('.weight') });
  }

  /** Update `step` (0-based) with these gradients, by parameter name. */
  step(grads: Readonly<Record<string, ArrayLike<number>>>, step: number): void {
    this.adam.step(grads, cosineWithWarmup(step, { peak: this.o.peakLr, warmup: this.o.warmup, total: this.o.steps, floor: this.o.peakLr * 0.01 }));
  }
}
