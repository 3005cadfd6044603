/**
 * Adam with decoupled weight decay (AdamW; Kingma & Ba 2015, Loshchilov & Hutter 2019), written the
 * way PyTorch's `torch.optim.AdamW` steps: p ← p·(1 − lr·λ); m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * p ← p − lr·m̂/(√v̂ + ε) with bias-corrected m̂, v̂. Parameters are updated in place.
 */

/** Hyper-parameters of {@link AdamW}. */
export interface AdamWOptions {
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** Decoupled weight decay λ (per unit learning rate). */
  weightDecay?: number;
  /** Which parameters are decayed (default: all); biases and norms are usually left out. */
  decays?: (name: string) => boolean;
}

/** AdamW state over named Float32 parameters. */
export class AdamW {
  private readonly m = new Map<string, Float64Array>();
  private readonly v = new Map<string, Float64Array>();
  private t = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;
  private readonly weightDecay: number;
  private readonly decays: (name: string) => boolean;

  /** @param params the tensors to optimise, updated in place by {@link step}. */
  constructor(
    readonly params: ReadonlyMap<string, Float32Array>,
    options: AdamWOptions = {},
  ) {
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    this.decays = options.decays ?? (() => true);
    for (const [name, p] of params) {
      this.m.set(name, new Float64Array(p.length));
      this.v.set(name, new Float64Array(p.length));
    }
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.t;
  }

  /**
   * One update with learning rate `lr`. Every parameter needs a gradient of its own length; a
   * missing or non-finite gradient is an error (it would silently freeze or destroy the weights).
   */
  step(grads: Readonly<Record<string, ArrayLike<number>>>, lr: number): void {
    this.t += 1;
    const c1 = 1 - this.beta1 ** this.t;
    const c2 = 1 - this.beta2 ** this.t;
    for (const [name, p] of this.params) {
      const g = grads[name];
      if (!g) throw new Error(`AdamW: no gradient for parameter "${name}"`);
      if (g.length !== p.length) throw new Error(`AdamW: gradient of "${name}" has ${g.length} values, the parameter ${p.length}`);
      const m = this.m.get(name) as Float64Array;
      const v = this.v.get(name) as Float64Array;
      const decay = this.decays(name) ? 1 - lr * this.weightDecay : 1;
      for (let i = 0; i < p.length; i++) {
        const gi = g[i];
        if (!Number.isFinite(gi)) throw new Error(`AdamW: gradient of "${name}" is not finite at ${i} (step ${this.t}); lower the learning rate`);
        m[i] = this.beta1 * m[i] + (1 - this.beta1) * gi;
        v[i] = this.beta2 * v[i] + (1 - this.beta2) * gi * gi;
        p[i] = p[i] * decay - (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + this.eps);
      }
    }
  }
}
