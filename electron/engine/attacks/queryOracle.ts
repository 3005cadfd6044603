import { throwIfAborted, type AttackProblem, type AttackSettings } from './attackTypes';
import { goalReached, type AttackGoal } from './goal';
import { isSegmentation, predictMany, type Objective } from './objective';

/**
 * The goal's margin on logits: negative exactly when the goal is reached (ties aside). Untargeted:
 * z_label − max_{j≠label} z_j; targeted: max_{j≠target} z_j − z_target; multi-label: the finding's
 * logit with the sign that must fall (z when the decision must become 0, −z when it must become 1).
 * Defined for two classes and for multi-label heads, where DLR (Croce & Hein 2020) is not.
 */
export function goalMargin(logits: Float32Array, goal: AttackGoal): number {
  if (goal.multilabel) {
    const z = logits[goal.multilabel.index];
    const wanted = typeof goal.target === 'number' ? goal.target : 1 - (goal.label as number);
    return wanted === 1 ? -z : z;
  }
  const cls = (goal.target ?? goal.label) as number;
  let other = -Infinity;
  for (let c = 0; c < logits.length; c++) if (c !== cls) other = Math.max(other, logits[c]);
  return goal.target === undefined ? logits[cls] - other : other - logits[cls];
}

/** One scored candidate. */
export interface QueryResult {
  logits: Float32Array;
  /** {@link goalMargin}: below 0 means the goal is reached. */
  margin: number;
  success: boolean;
}

/**
 * A query attack's view of the model: forward passes only, counted against a budget, candidate
 * batches in one model run each (when the model's batch axis allows), cancellation and progress per
 * batch. Classification and multi-label goals only (the margin needs one decision).
 */
export class QueryOracle {
  /** Forward passes spent so far. */
  used = 0;
  private best = Infinity;

  constructor(
    private readonly objective: Objective,
    private readonly goal: AttackGoal,
    /** Most forward passes allowed. */
    readonly budget: number,
    private readonly settings: Pick<AttackSettings, 'signal' | 'onProgress'>,
  ) {
    if (!(Number.isInteger(budget) && budget >= 1)) throw new Error(`the query budget must be a whole number ≥ 1, got ${budget}`);
  }

  /** An oracle for `problem`, refusing segmentation models (query attacks here score one decision). */
  static forProblem(problem: AttackProblem, settings: AttackSettings, defaultBudget: number, method: string): QueryOracle {
    if (isSegmentation(problem.objective)) throw new Error(`${method} scores one decision per image; for a segmentation model use asma, dice-descent or pgd`);
    return new QueryOracle(problem.objective, problem.goal, settings.queries ?? defaultBudget, settings);
  }

  /** Queries left. */
  get left(): number {
    return this.budget - this.used;
  }

  /** Scores the candidates in one batch; throws when they would exceed the budget. */
  async query(xs: Float32Array[]): Promise<QueryResult[]> {
    throwIfAborted(this.settings.signal);
    if (xs.length > this.left) throw new Error(`internal: ${xs.length} queries asked with ${this.left} left`);
    const all = await predictMany(this.objective, xs);
    this.used += xs.length;
    const out = all.map((logits) => ({ logits, margin: goalMargin(logits, this.goal), success: goalReached(logits, this.objective.outputShape, this.goal) }));
    for (const r of out) this.best = Math.min(this.best, r.margin);
    this.settings.onProgress?.({ iteration: this.used, total: this.budget, loss: this.best, success: out.some((r) => r.success) });
    return out;
  }

  /** Scores one candidate. */
  async one(x: Float32Array): Promise<QueryResult> {
    return (await this.query([x]))[0];
  }
}
